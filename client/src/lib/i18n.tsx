import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'vi' | 'en';
export type Text = { vi: string; en: string };

const STORAGE_KEY = 'sipas.lang';

interface LangState { lang: Lang; setLang(lang: Lang): void; t(text: Text): string }

const LangContext = createContext<LangState | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Vietnamese first; the English choice is remembered on the device. */
export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  // The server's static first page (lib/static-page.ts) has its own language buttons until the app takes over.
  useEffect(() => {
    const chosen = () => setLangState(initialLang());
    addEventListener('sipas-lang', chosen);
    return () => removeEventListener('sipas-lang', chosen);
  }, []);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try { localStorage.setItem(STORAGE_KEY, next); } catch { /* private mode: keep it in memory */ }
  }, []);
  const value = useMemo(() => ({ lang, setLang, t: (text: Text) => text[lang] }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  const state = useContext(LangContext);
  if (!state) throw new Error('useLang outside LangProvider');
  return state;
}
