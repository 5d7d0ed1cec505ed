import { useState } from 'react';
import { FormProblem } from '../../components/FormProblem';
import { api } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { useUnitNames } from '../../lib/use-unit-names';
import { GEOGRAPHY_LABELS } from '../dashboard/labels';
import { AccountForm } from './AccountForm';
import { ROLE_LABELS, type Account } from './types';

function status(a: Account, t: (x: { vi: string; en: string }) => string, lang: 'vi' | 'en'): string {
  if (a.disabled) return t({ vi: 'Đã vô hiệu hóa', en: 'Disabled' });
  if (a.lockedUntil && new Date(a.lockedUntil) > new Date()) return t({ vi: `Bị khóa đến ${dateTime(a.lockedUntil, lang)}`, en: `Locked until ${dateTime(a.lockedUntil, lang)}` });
  return t({ vi: 'Đang hoạt động', en: 'Active' });
}

const isLocked = (a: Account) => a.lockedUntil !== null && new Date(a.lockedUntil) > new Date();

/**
 * `/admin/accounts`: national administrators list, create and change officials' accounts, and lift a
 * sign-in lock at once (anyone can lock an account by typing wrong passwords for it).
 */
export function AccountsPage() {
  const { t, lang } = useLang();
  const accounts = useApi<{ users: Account[] }>('/api/users');
  const names = { 'vn-63': useUnitNames('vn-63'), 'vn-34': useUnitNames('vn-34') };
  const [editing, setEditing] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [created, setCreated] = useState(0);
  const [unlocking, setUnlocking] = useState<number | null>(null);
  const [unlockError, setUnlockError] = useState<unknown>(null);
  const done = (message: string) => {
    setEditing(null);
    setCreated((n) => n + 1);
    setSaved(message);
    accounts.reload();
  };
  const unlock = async (a: Account) => {
    setUnlocking(a.id);
    setUnlockError(null);
    try {
      await api.post(`/api/users/${a.id}/unlock`, {});
      done(t({ vi: `Đã mở khóa tài khoản ${a.username}.`, en: `Unlocked account ${a.username}.` }));
    } catch (err) {
      setUnlockError(err);
    } finally {
      setUnlocking(null);
    }
  };
  return (
    <section>
      <h1>{t({ vi: 'Tài khoản cán bộ', en: 'Officials’ accounts' })}</h1>
      {saved && <p className="notice success" role="status">{saved}</p>}
      <FormProblem error={unlockError} />
      {accounts.status === 'loading' && <p aria-busy="true">{t({ vi: 'Đang tải…', en: 'Loading…' })}</p>}
      {accounts.status === 'error' && <p className="notice error" role="alert">{t({ vi: 'Không tải được danh sách tài khoản.', en: 'Could not load the accounts.' })}</p>}
      {accounts.status === 'ok' && (
        <div className="table-wrap">
          <table>
            <caption>{t({ vi: `${accounts.data.users.length} tài khoản`, en: `${accounts.data.users.length} accounts` })}</caption>
            <thead>
              <tr>
                <th scope="col">{t({ vi: 'Tên đăng nhập', en: 'Username' })}</th>
                <th scope="col">{t({ vi: 'Họ tên', en: 'Name' })}</th>
                <th scope="col">{t({ vi: 'Vai trò', en: 'Role' })}</th>
                <th scope="col">{t({ vi: 'Tỉnh', en: 'Province' })}</th>
                <th scope="col">{t({ vi: 'Trạng thái', en: 'Status' })}</th>
                <th scope="col">{t({ vi: 'Đăng nhập gần nhất', en: 'Last sign-in' })}</th>
                <th scope="col"><span className="visually-hidden">{t({ vi: 'Thao tác', en: 'Actions' })}</span></th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.users.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.username}</th>
                  <td>{a.displayName}</td>
                  <td>{t(ROLE_LABELS[a.role])}</td>
                  <td>{a.province ? <>{t(names[a.province.geography].get(a.province.code) ?? { vi: a.province.code, en: a.province.code })} <span className="muted">({t(GEOGRAPHY_LABELS[a.province.geography])})</span></> : '—'}</td>
                  <td>{status(a, t, lang)}</td>
                  <td>{a.lastLoginAt ? dateTime(a.lastLoginAt, lang) : '—'}</td>
                  <td>
                    <button type="button" className="button secondary" aria-expanded={editing === a.id}
                      onClick={() => setEditing(editing === a.id ? null : a.id)}>
                      {t({ vi: 'Sửa', en: 'Edit' })}<span className="visually-hidden"> {a.username}</span>
                    </button>
                    {isLocked(a) && (
                      <button type="button" className="button secondary" disabled={unlocking === a.id} onClick={() => void unlock(a)}>
                        {t({ vi: 'Mở khóa', en: 'Unlock' })}<span className="visually-hidden"> {a.username}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {accounts.status === 'ok' && editing !== null && (() => {
        const account = accounts.data.users.find((a) => a.id === editing);
        return account && (
          <section className="panel" aria-labelledby="edit-account-title">
            <h2 id="edit-account-title">{t({ vi: 'Sửa tài khoản', en: 'Edit account' })} {account.username}</h2>
            <AccountForm key={account.id} account={account} onCancel={() => setEditing(null)}
              onSaved={() => done(t({ vi: `Đã lưu tài khoản ${account.username}.`, en: `Saved account ${account.username}.` }))} />
          </section>
        );
      })()}
      <section className="panel" aria-labelledby="new-account-title">
        <h2 id="new-account-title">{t({ vi: 'Tạo tài khoản mới', en: 'New account' })}</h2>
        <AccountForm key={created} onSaved={() => done(t({ vi: 'Đã tạo tài khoản.', en: 'Account created.' }))} />
      </section>
    </section>
  );
}
