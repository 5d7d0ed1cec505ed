/**
 * The one-line summary and usage of every `sipas` command, apart from the commands themselves so that
 * `sipas --help` and an unknown command's message load none of them.
 */
export const HELP = {
  estimate: {
    summary: 'Ước lượng chỉ số SIPAS từ dữ liệu vi mô / estimate SIPAS indicators from microdata',
    usage:
      'estimate --input MICRODATA.csv [--margins MARGINS.csv] [--scheme design|design_fpc|raked|all] [--variance linearisation|jkn] ' +
      '[--items] ' +
      '[--by sex,age_group,region] [--geography vn-34] [--questionnaire FILE] [--format csv|json] [--out FILE]',
  },
  compare: {
    summary: 'So sánh hai đợt khảo sát độc lập / compare two independent waves',
    usage: 'compare --a A.csv --b B.csv [--margins-a MA.csv] [--margins-b MB.csv] [--variance linearisation|jkn] [--questionnaire FILE] [--format csv|json] [--out FILE]',
  },
  'user:create': {
    summary: 'Tạo tài khoản cán bộ / create an official\'s account',
    usage:
      'user:create --username U --role national_admin|analyst|province_official [--province CODE --geography vn-63|vn-34] ' +
      `[--display-name "…"]   (mật khẩu/password: SIPAS_NEW_PASSWORD hoặc/or prompt)`,
  },
  demo: {
    summary: 'Tạo hai đợt khảo sát mô phỏng (2023: 63 tỉnh, 2025: 34 đơn vị) / create two synthetic demo waves',
    usage: 'demo [--respondents 40000]',
  },
  report: {
    summary: 'Lập báo cáo năm (PDF) từ một lần ước lượng đã lưu / the annual report (PDF) of a stored run',
    usage: 'report --run RUN_ID --out report.pdf',
  },
  'export:estimates': {
    summary: 'Xuất bảng ước lượng của một lần ước lượng (CSV theo METHOD.md §6 hoặc XLSX) / export a run\'s estimates',
    usage: 'export:estimates --run RUN_ID [--format csv|xlsx] [--out FILE]   (CSV ra stdout khi không có --out)',
  },
  'export:microdata': {
    summary: 'Xuất vi dữ liệu, từ điển biến và tệp nhập cho R/Stata (zip) / export microdata, codebook and R/Stata scripts',
    usage: 'export:microdata --run RUN_ID --out FILE.zip [--province CODE]',
  },
  'paper:forms': {
    summary: 'In phiếu giấy của một đợt (theo phiếu mời hoặc phiếu trắng đánh số) / print paper forms of a wave',
    usage: 'paper:forms --wave W (--invitations [--commune C]... | --count N) --out forms.pdf --layout layout.json',
  },
  'paper:read': {
    summary: 'Đọc phiếu giấy đã quét (PDF, PNG, JPEG, TIFF) và lưu các phiếu đọc chắc chắn / read scanned paper forms',
    usage: 'paper:read --wave W --scans PATH... [--dry-run] --out results.json',
  },
} as const satisfies Record<string, { summary: string; usage: string }>;

export type CommandName = keyof typeof HELP;
