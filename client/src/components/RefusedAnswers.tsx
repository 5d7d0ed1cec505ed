import { dateTime } from '../lib/format';
import { useLang, type Text } from '../lib/i18n';
import type { OutboxItem } from '../lib/outbox';
import { downloadRefused, refusedItems } from '../lib/outbox-export';

const EXPLANATION: Record<'staff' | 'respondent', Text> = {
  staff: {
    vi: 'Máy chủ đã từ chối các phiếu này (ví dụ đợt khảo sát đã đóng, hoặc câu trả lời không hợp lệ) nên chúng không được tính. '
      + 'Chúng được giữ trên thiết bị này, không gửi lại, và không chặn các phiếu sau. Hãy tải tệp JSON xuống và gửi cho cơ quan khảo sát.',
    en: 'The server refused these answers (the survey wave has closed, say, or an answer is invalid), so they do not count. '
      + 'They are kept on this device, not sent again, and do not hold up later answers. Download the JSON file and send it to the survey office.',
  },
  respondent: {
    vi: 'Máy chủ đã không nhận phiếu trả lời dưới đây nên phiếu chưa được tính. Phiếu vẫn được giữ trên thiết bị này; '
      + 'ông/bà có thể tải phiếu xuống (tệp JSON) và gửi cho cơ quan khảo sát.',
    en: 'The server did not accept the answers below, so they have not been counted. They are still kept on this device; '
      + 'you can download them (a JSON file) and send them to the survey office.',
  },
};

export interface RefusedAnswersProps {
  /** The device's queue; only its refused items are shown. */
  items: readonly OutboxItem[];
  audience: 'staff' | 'respondent';
}

/** The responses the server refused for good: when, why, and a download of them all. Nothing when there are none. */
export function RefusedAnswers({ items, audience }: RefusedAnswersProps) {
  const { lang, t } = useLang();
  const refused = refusedItems(items);
  if (refused.length === 0) return null;
  return (
    <section className="refused-answers notice error" aria-labelledby="refused-answers-title" data-refused={refused.length}>
      <h2 id="refused-answers-title">{t({ vi: `Phiếu bị máy chủ từ chối (${refused.length})`, en: `Answers refused by the server (${refused.length})` })}</h2>
      <p>{t(EXPLANATION[audience])}</p>
      <ul>
        {refused.map((item) => (
          <li key={item.id} data-response-id={item.id}>
            <strong>{dateTime(item.queuedAt, lang)}</strong> · {item.wave}: {t({ vi: item.rejected!.title, en: item.rejected!.titleEn })}
            {item.rejected!.issues.length > 0 && (
              <ul>{item.rejected!.issues.map((i, k) => <li key={`${i.field}:${i.rule}:${k}`}><code>{i.field}</code>: {t({ vi: i.message, en: i.messageEn ?? i.message })}</li>)}</ul>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="button secondary" onClick={() => downloadRefused(items)}>
        {t({ vi: 'Tải xuống các phiếu bị từ chối (JSON)', en: 'Download the refused answers (JSON)' })}
      </button>
    </section>
  );
}
