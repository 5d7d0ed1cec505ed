import type { ReactNode } from 'react';
import { useLang } from '../lib/i18n';
import { LangSwitch } from './LangSwitch';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useLang();
  return (
    <>
      <a className="skip-link" href="#main">{t({ vi: 'Bỏ qua, đến nội dung chính', en: 'Skip to main content' })}</a>
      <header className="site-header">
        <a className="brand" href="/">SIPAS</a>
        <LangSwitch />
      </header>
      <main id="main" className="container">{children}</main>
      <footer className="site-footer">
        {t({ vi: 'Phần mềm mã nguồn mở khảo sát sự hài lòng của người dân', en: 'Open-source citizen-satisfaction survey software' })}
      </footer>
    </>
  );
}
