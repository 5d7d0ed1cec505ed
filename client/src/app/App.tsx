import { Layout } from '../components/Layout';
import { HomePage } from '../features/home/HomePage';
import { SurveyPage } from '../features/survey/SurveyPage';
import { WaveListPage } from '../features/survey/WaveListPage';
import { LangProvider, useLang } from '../lib/i18n';
import { useRoute } from './router';

function Page() {
  const route = useRoute();
  const { t } = useLang();
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'waves':
      return <WaveListPage />;
    case 'survey':
      return <SurveyPage wave={route.wave} />;
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
  return (
    <LangProvider>
      <Layout>
        <Page />
      </Layout>
    </LangProvider>
  );
}
