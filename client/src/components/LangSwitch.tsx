import { useLang } from '../lib/i18n';

export function LangSwitch() {
  const { lang, setLang } = useLang();
  return (
    <div className="lang-switch" role="group" aria-label="Ngôn ngữ / Language">
      <button type="button" aria-pressed={lang === 'vi'} onClick={() => setLang('vi')} lang="vi">Tiếng Việt</button>
      <button type="button" aria-pressed={lang === 'en'} onClick={() => setLang('en')} lang="en">English</button>
    </div>
  );
}
