import { useState, type FormEvent } from 'react';
import { FormProblem } from '../../components/FormProblem';
import { api } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import type { Role } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { GEOGRAPHY_LABELS } from '../dashboard/labels';
import { ROLE_LABELS, type Account, type Geography, type UnitOption } from './types';

interface AccountFormProps {
  /** The account to edit; a new one is created when absent. */
  account?: Account;
  onSaved(): void;
  onCancel?(): void;
}

/** Creates an account or changes one (name, role, province, password reset, disable); the accounts page unlocks. */
export function AccountForm({ account, onSaved, onCancel }: AccountFormProps) {
  const { t, lang } = useLang();
  const editing = account !== undefined;
  const prefix = editing ? `edit-${account.id}` : 'new';
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [role, setRole] = useState<Role>(account?.role ?? 'analyst');
  const [geography, setGeography] = useState<Geography>(account?.province?.geography ?? 'vn-34');
  const [province, setProvince] = useState(account?.province?.code ?? '');
  const [password, setPassword] = useState('');
  const [disabled, setDisabled] = useState(account?.disabled ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const units = useApi<{ units: UnitOption[] }>(role === 'province_official' ? `/api/dashboard/units?geography=${geography}` : null);
  const official = role === 'province_official';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const scope = official ? { geography, province: province || null } : { geography: null, province: null };
    try {
      if (editing) {
        await api.patch(`/api/users/${account.id}`, {
          displayName, role, ...scope, disabled, ...(password ? { password } : {}),
        });
      } else {
        await api.post('/api/users', { username, displayName, role, ...scope, password });
      }
      setPassword('');
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)}>
      {!editing && (
        <div className="field">
          <label htmlFor={`${prefix}-username`}>{t({ vi: 'Tên đăng nhập', en: 'Username' })}</label>
          <input id={`${prefix}-username`} required value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off"
            aria-describedby={`${prefix}-username-hint`} />
          <small id={`${prefix}-username-hint`}>{t({ vi: '3–64 ký tự: chữ, số, dấu chấm, gạch ngang, gạch dưới', en: '3–64 characters: letters, digits, dot, dash, underscore' })}</small>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${prefix}-name`}>{t({ vi: 'Họ tên hiển thị', en: 'Display name' })}</label>
        <input id={`${prefix}-name`} required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-role`}>{t({ vi: 'Vai trò', en: 'Role' })}</label>
        <select id={`${prefix}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {(Object.keys(ROLE_LABELS) as Role[]).map((r) => <option key={r} value={r}>{t(ROLE_LABELS[r])}</option>)}
        </select>
      </div>
      {official && (
        <>
          <div className="field">
            <label htmlFor={`${prefix}-geography`}>{t({ vi: 'Danh mục đơn vị hành chính', en: 'Geography' })}</label>
            <select id={`${prefix}-geography`} value={geography} onChange={(e) => { setGeography(e.target.value as Geography); setProvince(''); }}>
              <option value="vn-34">{t(GEOGRAPHY_LABELS['vn-34'])}</option>
              <option value="vn-63">{t(GEOGRAPHY_LABELS['vn-63'])}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${prefix}-province`}>{t({ vi: 'Tỉnh, thành phố phụ trách', en: 'Province' })}</label>
            <select id={`${prefix}-province`} required value={province} onChange={(e) => setProvince(e.target.value)}>
              <option value="">{t({ vi: '— Chọn —', en: '— Choose —' })}</option>
              {units.status === 'ok' && units.data.units.map((u) => (
                <option key={u.code} value={u.code}>{u.code} · {lang === 'vi' ? u.nameVi : u.nameEn}</option>
              ))}
            </select>
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor={`${prefix}-password`}>{editing ? t({ vi: 'Đặt lại mật khẩu (để trống nếu không đổi)', en: 'Reset password (leave empty to keep)' }) : t({ vi: 'Mật khẩu', en: 'Password' })}</label>
        <input id={`${prefix}-password`} type="password" autoComplete="new-password" required={!editing} value={password}
          onChange={(e) => setPassword(e.target.value)} aria-describedby={`${prefix}-password-hint`} />
        <small id={`${prefix}-password-hint`}>{t({
            vi: 'Ít nhất 12 ký tự và khó đoán: nên dùng một câu dài gồm vài từ không liên quan, không dùng mật khẩu phổ biến, dãy số, tên người hay địa danh. Đặt lại mật khẩu sẽ mở khóa và đăng xuất tài khoản ở mọi nơi.',
            en: 'At least 12 characters and hard to guess: a long phrase of unrelated words, not a common password, a sequence, a name or a place. A reset unlocks the account and signs it out everywhere.',
          })}</small>
      </div>
      {editing && (
        <label className="checkbox">
          <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} />
          {t({ vi: 'Vô hiệu hóa tài khoản', en: 'Account disabled' })}
        </label>
      )}
      <FormProblem error={error} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>{editing ? t({ vi: 'Lưu thay đổi', en: 'Save changes' }) : t({ vi: 'Tạo tài khoản', en: 'Create account' })}</button>
        {onCancel && <button type="button" className="button secondary" onClick={onCancel}>{t({ vi: 'Hủy', en: 'Cancel' })}</button>}
      </div>
    </form>
  );
}
