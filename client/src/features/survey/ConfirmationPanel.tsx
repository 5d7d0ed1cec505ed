import { useEffect, useRef } from 'react';
import { useLang } from '../../lib/i18n';

type Localized = string | { default?: string; en?: string } | undefined;

/** The wave's own thank-you text (the questionnaire's `completedHtml`), as plain text paragraphs. */
export function thankYouParagraphs(html: Localized, lang: 'vi' | 'en'): string[] {
  const source = typeof html === 'string' ? html : (lang === 'en' ? html?.en : undefined) ?? html?.default ?? '';
  const doc = new DOMParser().parseFromString(source, 'text/html');
  return [...doc.body.querySelectorAll('h1, h2, h3, h4, p, li')]
    .map((el) => el.textContent?.trim() ?? '')
    .filter(Boolean);
}

/**
 * After the answers are recorded: a GOV.UK-style confirmation panel, focused and with the page scrolled
 * to the top so the header is in view — thanks, the wave's own words, what happens to the answers, home.
 */
export function ConfirmationPanel({ completedHtml }: { completedHtml: Localized }) {
  const { lang, t } = useLang();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    window.scrollTo({ top: 0 });
    heading.current?.focus({ preventScroll: true });
  }, []);
  const own = thankYouParagraphs(completedHtml, lang);
  return (
    <section className="confirmation" aria-labelledby="confirmation-title">
      <h1 id="confirmation-title" ref={heading} tabIndex={-1}>
        {t({ vi: 'Phiếu trả lời của ông/bà đã được ghi nhận', en: 'Your answers have been recorded' })}
      </h1>
      <p>{t({ vi: 'Xin chân thành cảm ơn ông/bà đã dành thời gian trả lời.', en: 'Thank you for taking the time to answer.' })}</p>
      {own.map((text, i) => <p key={i}>{text}</p>)}
      <h2>{t({ vi: 'Câu trả lời của ông/bà được dùng thế nào', en: 'How your answers are used' })}</h2>
      <p>{t({
        vi: 'Phiếu không ghi tên ông/bà. Câu trả lời được gộp với câu trả lời của những người dân khác để tính chỉ số hài lòng của tỉnh/thành phố và cả nước; không công bố riêng câu trả lời của một người nào.',
        en: 'Your name is not recorded. Your answers are combined with those of other people to compute the satisfaction index of your province and of the country; no one person’s answers are published.',
      })}</p>
      <p><a href="/">{t({ vi: 'Về trang chủ', en: 'Back to the home page' })}</a></p>
    </section>
  );
}
