import { useLang } from '../lib/i18n';
import { useSession, type SessionUser } from '../lib/session';
import { useUnitNames } from '../lib/use-unit-names';
import { Link } from './Link';

const ROLE_NAMES = {
  national_admin: { vi: 'Quản trị quốc gia', en: 'National administrator' },
  analyst: { vi: 'Chuyên viên phân tích', en: 'Analyst' },
  province_official: { vi: 'Cán bộ tỉnh', en: 'Province official' },
};

/** The officials' area navigation: what the role may use, who is signed in, and sign-out. */
export function AdminNav({ user, current }: { user: SessionUser; current: string }) {
  const { t } = useLang();
  const { logOut } = useSession();
  const province = useUnitNames(user.scope?.geography ?? null).get(user.scope?.province ?? '');
  const links = [
    { href: '/admin', key: 'dashboard', label: { vi: 'Kết quả', en: 'Results' } },
    { href: '/admin/fieldwork', key: 'fieldwork', label: { vi: 'Thực địa', en: 'Fieldwork' } },
    ...(user.role === 'national_admin' ? [
      { href: '/admin/waves', key: 'waves', label: { vi: 'Đợt khảo sát', en: 'Survey waves' } },
      { href: '/admin/accounts', key: 'accounts', label: { vi: 'Tài khoản', en: 'Accounts' } },
    ] : []),
  ];
  return (
    <nav className="admin-nav" aria-label={t({ vi: 'Khu vực cán bộ', en: 'Officials’ area' })}>
      <ul>
        {links.map((l) => (
          <li key={l.key}>
            <Link href={l.href} aria-current={current === l.key ? 'page' : undefined}>{t(l.label)}</Link>
          </li>
        ))}
      </ul>
      <div className="who">
        <span>{user.displayName} · {t(ROLE_NAMES[user.role])}{user.scope && province ? ` · ${t(province)}` : ''}</span>
        <button type="button" className="button secondary" onClick={() => void logOut()}>{t({ vi: 'Đăng xuất', en: 'Sign out' })}</button>
      </div>
    </nav>
  );
}
