import { AdminNav } from '../components/AdminNav';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { LoginPage } from '../features/auth/LoginPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { ProvincePage } from '../features/dashboard/ProvincePage';
import { RunPage } from '../features/runs/RunPage';
import { ServicePointsPage } from '../features/service-points/ServicePointsPage';
import { FieldworkPage } from '../features/fieldwork/FieldworkPage';
import { FieldworkWavesPage } from '../features/fieldwork/FieldworkWavesPage';
import { PaperPage } from '../features/paper/PaperPage';
import { KeyingPage } from '../features/paper/KeyingPage';
import { VerifyPage } from '../features/paper/VerifyPage';
import { SamplePlanPage } from '../features/sample-plan/SamplePlanPage';
import { WaveAdminPage } from '../features/wave-admin/WaveAdminPage';
import { WaveLifePage } from '../features/wave-life/WaveLifePage';
import { WeightsPage } from '../features/weights/WeightsPage';
import { useLang } from '../lib/i18n';
import { SessionProvider, useSession, type SessionUser } from '../lib/session';
import './admin-area.css';

function AdminPage({ path, user }: { path: string[]; user: SessionUser }) {
  const { t } = useLang();
  const [section, param] = path;
  if (section === undefined) return <DashboardPage />;
  if (section === 'provinces' && param) return <ProvincePage code={param} />;
  // One wave's fieldwork pages: /admin/sample/:wave, /admin/weights/:wave, /admin/fieldwork/:wave.
  if (section === 'sample' && param) return <SamplePlanPage wave={param} />;
  if (section === 'weights' && param) return <WeightsPage wave={param} />;
  if (section === 'fieldwork') return param ? <FieldworkPage wave={param} /> : <FieldworkWavesPage />;
  if (section === 'runs' && param) return <RunPage id={param} />;
  if (section === 'service-points' && param) return <ServicePointsPage wave={param} />;
  if (section === 'waves' && param) return <WaveLifePage wave={param} />;
  // The paper channel: /admin/paper/:wave, one form's verification /admin/paper-forms/:id and keying /admin/paper-key/:id.
  if (section === 'paper' && param) return <PaperPage wave={param} />;
  if (section === 'paper-forms' && param) return <VerifyPage id={param} />;
  if (section === 'paper-key' && param) return <KeyingPage id={param} />;
  if ((section === 'accounts' || section === 'waves') && user.role !== 'national_admin') {
    return <p className="notice error" role="alert">{t({ vi: 'Xin lỗi, trang này chỉ dành cho quản trị viên quốc gia.', en: 'Sorry, this page is for national administrators only.' })}</p>;
  }
  if (section === 'accounts') return <AccountsPage />;
  if (section === 'waves') return <WaveAdminPage />;
  return <h1>{t({ vi: 'Không tìm thấy trang', en: 'Page not found' })}</h1>;
}

function Gate({ path }: { path: string[] }) {
  const { t } = useLang();
  const { state } = useSession();
  if (state.status === 'loading') return <p aria-busy="true">{t({ vi: 'Đang tải…', en: 'Loading…' })}</p>;
  if (state.status === 'signed-out') return <LoginPage expired={state.expired} />;
  const current = path[0] === 'accounts' || path[0] === 'waves' || path[0] === 'fieldwork' ? path[0]
    : path[0] === 'service-points' || path[0] === 'runs' || path[0] === 'sample' || path[0] === 'weights' ? 'waves' : 'dashboard';
  return (
    <div className="admin">
      <AdminNav user={state.user} current={current} />
      <AdminPage path={path} user={state.user} />
    </div>
  );
}

/** `/admin/…`: the officials' area behind the sign-in. */
export function AdminArea({ path }: { path: string[] }) {
  return (
    <SessionProvider>
      <Gate path={path} />
    </SessionProvider>
  );
}
