import { useId, useState, type FormEvent } from 'react';
import { ProblemError } from '../../lib/api';
import { useLang, type Text } from '../../lib/i18n';
import { useSession } from '../../lib/session';

/**
 * What went wrong, in words an official can act on. Lockout (423) and throttling (429) come with the
 * server's own message, which says how many minutes to wait.
 */
function messageFor(err: unknown): Text {
  if (!(err instanceof ProblemError)) {
    return { vi: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.', en: 'Could not reach the server. Check the network and try again.' };
  }
  return { vi: err.title, en: err.titleEn };
}

/** Sign-in for officials; lockouts and throttling are explained with when to try again. */
export function LoginPage({ expired }: { expired: boolean }) {
  const { t } = useLang();
  const { logIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Text | null>(null);
  const errorId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await logIn(username.trim(), password);
    } catch (err) {
      setError(messageFor(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">{t({ vi: 'Đăng nhập khu vực cán bộ', en: 'Officials’ sign-in' })}</h1>
      {expired && <p className="notice" role="status">{t({ vi: 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.', en: 'Your session has ended. Please sign in again.' })}</p>}
      <form onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
        <div className="field">
          <label htmlFor="login-username">{t({ vi: 'Tên đăng nhập', en: 'Username' })}</label>
          <input id="login-username" name="username" autoComplete="username" required value={username}
            onChange={(e) => setUsername(e.target.value)} aria-invalid={error ? true : undefined} />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t({ vi: 'Mật khẩu', en: 'Password' })}</label>
          <input id="login-password" name="password" type="password" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} aria-invalid={error ? true : undefined} />
        </div>
        {error && <p id={errorId} className="notice error" role="alert">{t(error)}</p>}
        <button type="submit" className="button" disabled={busy || !username || !password}>
          {busy ? t({ vi: 'Đang đăng nhập…', en: 'Signing in…' }) : t({ vi: 'Đăng nhập', en: 'Sign in' })}
        </button>
      </form>
      <p className="muted">{t({ vi: 'Quên mật khẩu hoặc tài khoản bị khóa? Vui lòng liên hệ quản trị viên quốc gia.', en: 'Forgotten password or locked account? Contact a national administrator.' })}</p>
    </section>
  );
}
