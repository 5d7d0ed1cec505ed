import { lazy, Suspense } from 'react';
import { Layout } from '../components/Layout';
import { HomePage } from '../features/home/HomePage';
import { KioskPage } from '../features/kiosk/KioskPage';
import { SurveyPage } from '../features/survey/SurveyPage';
import { WaveListPage } from '../features/survey/WaveListPage';
import { LangProvider, useLang } from '../lib/i18n';
import { useRoute } from './router';

// The officials' area (charts included) loads only when an official opens it, not for citizens.
const AdminArea = lazy(() => import('./AdminArea').then((m) => ({ default: m.AdminArea })));

function Page() {
  const route = useRoute();
  const { t } = useLang();
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'waves':
      return <WaveListPage mode={route.mode} />;
    case 'survey':
      return <SurveyPage wave={route.wave} />;
    case 'admin':
      return (
        <Suspense fallback={<p aria-busy="true">{t({ vi: 'Đang tải…', en: 'Loading…' })}</p>}>
          <AdminArea path={route.path} />
        </Suspense>
      );
    case 'not-found':
      return <h1>{t({ vi: 'Không tìm thấy trang', en: 'Page not found' })}</h1>;
    default:
      return (
        <section>
          <h1>{t({ vi: 'Đang được xây dựng', en: 'Under construction' })}</h1>
          <p><a href="/">{t({ vi: 'Về trang chủ', en: 'Back to the home page' })}</a></p>
        </section>
      );
  }
}

export function App() {
  const route = useRoute();
  return (
    <LangProvider>
      {/* A kiosk is the whole screen: no site header or links that would lead a stranger away. */}
      {route.page === 'kiosk' ? <KioskPage wave={route.wave} /> : (
        <Layout>
          <Page />
        </Layout>
      )}
    </LangProvider>
  );
}
