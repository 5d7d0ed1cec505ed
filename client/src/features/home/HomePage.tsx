import { useLang } from '../../lib/i18n';

export function HomePage() {
  const { t } = useLang();
  return (
    <article className="home">
      <h1>{t({ vi: 'Khảo sát sự hài lòng về sự phục vụ hành chính', en: 'Satisfaction with public administrative services' })}</h1>
      <p className="lead">
        {t({
          vi: 'Nền tảng thu thập ý kiến người dân và tính Chỉ số hài lòng về sự phục vụ hành chính (SIPAS): người dân trả lời phiếu trên điện thoại hoặc ki-ốt tại bộ phận một cửa, cán bộ theo dõi tiến độ và kết quả có trọng số kèm khoảng tin cậy.',
          en: 'A platform that collects citizens’ opinions and computes the Satisfaction Index of Public Administrative Services (SIPAS): citizens answer on their phones or on kiosks at one-stop service centres, officials follow fieldwork and weighted results with confidence intervals.',
        })}
      </p>
      <nav aria-label={t({ vi: 'Lối vào', en: 'Entry points' })}>
        <ul className="entry-list">
          <li>
            <a className="entry" href="/s/">
              <strong>{t({ vi: 'Trả lời khảo sát', en: 'Answer the survey' })}</strong>
              <span>{t({ vi: 'Dành cho người dân, ẩn danh, khoảng 15 phút', en: 'For citizens, anonymous, about 15 minutes' })}</span>
            </a>
          </li>
          <li>
            <a className="entry" href="/kiosk/">
              <strong>{t({ vi: 'Chế độ ki-ốt', en: 'Kiosk mode' })}</strong>
              <span>{t({ vi: 'Màn hình cảm ứng tại bộ phận một cửa', en: 'Touch screens at one-stop service centres' })}</span>
            </a>
          </li>
          <li>
            <a className="entry" href="/admin">
              <strong>{t({ vi: 'Khu vực cán bộ', en: 'Officials’ area' })}</strong>
              <span>{t({ vi: 'Theo dõi thực địa, kết quả và báo cáo', en: 'Fieldwork, results and reports' })}</span>
            </a>
          </li>
        </ul>
      </nav>
    </article>
  );
}
