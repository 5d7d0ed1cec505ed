/**
 * Vietnamese words people build passwords from, for the strength estimator (there is no Vietnamese
 * language pack of zxcvbn-ts). Written without diacritics, as typed on a keyboard without Telex and as
 * {@link foldVietnamese} turns a password with diacritics into. Most common first, which is how zxcvbn
 * ranks dictionary words. Sources: the most frequent family and given names, places, and the words of
 * leaked Vietnamese password lists (matkhau, anhyeuem, …).
 */
export const VIETNAMESE_PASSWORD_WORDS: readonly string[] = [
  'matkhau', 'anhyeuem', 'emyeuanh', 'yeuem', 'yeuanh', 'vietnam', 'hanoi', 'saigon', 'hochiminh', 'toiyeuvietnam',
  'iloveyou', 'xinchao', 'matkhaucuatoi', 'matkhau123', 'danang', 'haiphong', 'cantho', 'nhatrang', 'dalat', 'vungtau',
  'hue', 'quangninh', 'nghean', 'thanhhoa', 'bacninh', 'dongnai', 'binhduong', 'khanhhoa', 'quangnam', 'thaibinh',
  'namdinh', 'ninhbinh', 'hagiang', 'laocai', 'sapa', 'halong', 'phuquoc', 'mekong', 'vinh', 'thudo',
  'dangnhap', 'quantri', 'quantrivien', 'taikhoan', 'canbo', 'khaosat', 'hailong', 'sipas', 'chinhphu', 'hanhchinh',
  'uybannhandan', 'ubnd', 'congan', 'tinhuy', 'socongthuong', 'giadinh', 'hanhphuc', 'tinhyeu', 'muaxuan', 'bautroi',
  'thienthan', 'congchua', 'hoangtu', 'bongda', 'doremon', 'conmeo', 'concho', 'meomeo', 'cuncon', 'baby',
  'em', 'anh', 'chi', 'ban', 'toi', 'minh', 'nha', 'me', 'bo', 'ba', 'con', 'yeu', 'thuong', 'nho', 'buon', 'vui',
  'nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly',
  'dinh', 'truong', 'lam', 'mai', 'trinh', 'dao', 'cao', 'luong', 'tang', 'quach', 'ta', 'ha', 'lu', 'chau', 'thai',
  'van', 'thi', 'huu', 'duc', 'quoc', 'ngoc', 'thanh', 'xuan', 'thu', 'kim', 'bao', 'gia', 'nhat', 'hong', 'thuy',
  'linh', 'huong', 'lan', 'hoa', 'tuan', 'hung', 'dung', 'hai', 'nam', 'long', 'trang', 'phuong', 'quang', 'hanh',
  'hieu', 'khanh', 'vy', 'tu', 'son', 'dat', 'binh', 'cuong', 'thao', 'ngan', 'nga', 'nhung', 'hien', 'hang', 'yen',
  'oanh', 'loan', 'diep', 'giang', 'my', 'tam', 'tien', 'trung', 'thang', 'phuc', 'loc', 'tho', 'an', 'khang', 'khoa',
  'kien', 'manh', 'nghia', 'phong', 'quan', 'tai', 'thinh', 'toan', 'tung', 'viet', 'hau', 'hoai', 'huyen', 'lien',
  'ly', 'nhi', 'nhu', 'quynh', 'tham', 'tuyet', 'uyen', 'van', 'vinh', 'duy', 'hoang', 'huy', 'khai', 'lam', 'luan',
  'nguyenvanan', 'nguyenthihoa', 'tranvanbinh', 'levanhung',
];

/** Lower case without diacritics, đ as d: `Mật khẩu Đà Nẵng` → `mat khau da nang`. */
export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
