import { CsvUpload } from '../../components/CsvUpload';
import { Link } from '../../components/Link';
import { ProblemNotice } from '../../components/ProblemNotice';
import { TableScroll } from '../../components/TableScroll';
import { dateTime, decimal, integer } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useUser } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { useUnitNames } from '../../lib/use-unit-names';
import { DrawForm } from './DrawForm';
import { SelectedCommunes } from './SelectedCommunes';
import { stratumLabel } from './stratum-label';
import type { SamplePlanView } from './types';

/** `/admin/sample/:wave`: the household sample plan — frame, draw, and invitation sheets. */
export function SamplePlanPage({ wave }: { wave: string }) {
  const { t, lang } = useLang();
  const user = useUser();
  const admin = user.role === 'national_admin';
  const view = useApi<SamplePlanView>(`/api/waves/${encodeURIComponent(wave)}/sample`);
  const provinceNames = useUnitNames(view.status === 'ok' ? view.data.wave.geography : null);
  if (view.status === 'loading') return <p aria-busy="true">{t({ vi: 'Đang tải kế hoạch mẫu…', en: 'Loading the sample plan…' })}</p>;
  if (view.status === 'error') return <ProblemNotice error={view.error} />;
  const { plan, strata, communes } = view.data;
  return (
    <article className="admin-page">
      <h1>{t({ vi: 'Kế hoạch mẫu', en: 'Sample plan' })}: {t({ vi: view.data.wave.titleVi, en: view.data.wave.titleEn })}</h1>
      <nav className="subnav" aria-label={t({ vi: 'Trang của đợt khảo sát', en: 'Pages of this wave' })}>
        <Link href={`/admin/fieldwork/${encodeURIComponent(wave)}`}>{t({ vi: 'Theo dõi thực địa', en: 'Fieldwork monitor' })}</Link>
        <Link href={`/admin/weights/${encodeURIComponent(wave)}`}>{t({ vi: 'Tổng biên và trọng số', en: 'Margins and weights' })}</Link>
      </nav>

      <section aria-labelledby="frame-heading">
        <h2 id="frame-heading">{t({ vi: '1. Khung mẫu xã', en: '1. Commune frame' })}</h2>
        {plan
          ? <p>{t({
            vi: `Khung mẫu có ${integer(plan.frameUnits, lang)} xã, ${integer(plan.framePopulation, lang)} người từ 18 tuổi; tải lên lúc ${dateTime(plan.frameUploadedAt, lang)}.`,
            en: `The frame has ${integer(plan.frameUnits, lang)} communes and ${integer(plan.framePopulation, lang)} adults; uploaded ${dateTime(plan.frameUploadedAt, lang)}.`,
          })}</p>
          : <p className="notice">{admin
            ? t({ vi: 'Chưa có khung mẫu. Hãy tải lên danh sách xã với dân số từ 18 tuổi.', en: 'No frame yet. Upload the list of communes with their adult population.' })
            : t({ vi: 'Chưa có khung mẫu. Quản trị viên quốc gia sẽ tải lên danh sách xã với dân số từ 18 tuổi.', en: 'No frame yet. A national administrator uploads the list of communes with their adult population.' })}</p>}
        {plan?.frozen && <p className="notice">{t({ vi: `Đã có ${plan.usedInvitations} người trả lời bằng mã mời: khung mẫu và mẫu đã chọn được giữ nguyên.`, en: `${plan.usedInvitations} people have answered with codes: the frame and the sample are frozen.` })}</p>}
        {admin && !plan?.frozen && (
          <CsvUpload<SamplePlanView>
            url={`/api/waves/${encodeURIComponent(wave)}/sample/frame`}
            label={{ vi: 'Tệp khung mẫu (CSV, UTF-8)', en: 'Frame file (CSV, UTF-8)' }}
            help={<>{t({ vi: 'Các cột:', en: 'Columns:' })} <code>province_code, commune_code, commune_name, urban_rural, adult_population</code></>}
            submitLabel={{ vi: 'Tải lên khung mẫu', en: 'Upload the frame' }}
            onUploaded={() => view.reload()}
          />
        )}
      </section>

      {plan && (
        <section aria-labelledby="draw-heading">
          <h2 id="draw-heading">{t({ vi: '2. Chọn mẫu (PPS hệ thống)', en: '2. Draw (systematic PPS)' })}</h2>
          {plan.drawnAt && plan.communesPerStratum === null
            ? <p>{t({
              vi: `Đã chọn lúc ${dateTime(plan.drawnAt, lang)} với hạt giống ${plan.seed}: số xã và số người mỗi xã phân bổ theo từng tầng (${communes.length} xã được chọn).`,
              en: `Drawn ${dateTime(plan.drawnAt, lang)} with seed ${plan.seed}: communes and respondents allocated stratum by stratum (${communes.length} communes selected).`,
            })}</p>
            : plan.drawnAt
            ? <p>{t({
              vi: `Đã chọn lúc ${dateTime(plan.drawnAt, lang)} với hạt giống ${plan.seed}: ${plan.communesPerStratum} xã mỗi tầng, ${plan.respondentsPerCommune} người mỗi xã.`,
              en: `Drawn ${dateTime(plan.drawnAt, lang)} with seed ${plan.seed}: ${plan.communesPerStratum} communes per stratum, ${plan.respondentsPerCommune} respondents per commune.`,
            })}</p>
            : <p className="notice">{t({ vi: 'Chưa chọn mẫu.', en: 'The sample has not been drawn yet.' })}</p>}
          {admin && <DrawForm wave={wave} plan={plan} onDrawn={() => view.reload()} />}
          {plan.drawnAt && (
            <TableScroll label={t({ vi: 'Các tầng', en: 'Strata' })}>
              <table>
                <caption>{t({ vi: 'Các tầng', en: 'Strata' })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t({ vi: 'Tầng', en: 'Stratum' })}</th>
                    <th scope="col" className="num">{t({ vi: 'Số xã', en: 'Communes' })}</th>
                    <th scope="col" className="num">{t({ vi: 'Được chọn', en: 'Selected' })}</th>
                    <th scope="col" className="num">{t({ vi: 'Chắc chắn', en: 'Certain' })}</th>
                    <th scope="col" className="num">Σπ</th>
                    <th scope="col" className="num">{t({ vi: 'Chỉ tiêu', en: 'Target' })}</th>
                  </tr>
                </thead>
                <tbody>
                  {strata.map((s) => (
                    <tr key={s.stratum}>
                      <th scope="row">{t(stratumLabel(s.stratum, (code) => provinceNames.get(code)))}</th>
                      <td className="num">{integer(s.units, lang)}</td>
                      <td className="num">{integer(s.selected, lang)}</td>
                      <td className="num">{integer(s.certainty, lang)}</td>
                      <td className="num">{decimal(s.sumProbabilities, lang, 3)}</td>
                      <td className="num">{integer(s.target, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      )}

      {plan?.drawnAt && (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">{t({ vi: '3. Phiếu mời', en: '3. Invitations' })}</h2>
          <p className="help">{t({
            vi: 'Mỗi phiếu mời có một mã dùng một lần và mã QR dẫn tới trang trả lời. Mã chỉ xuất hiện trên tệp PDF; máy chủ chỉ lưu bản băm.',
            en: 'Each invitation has a one-time code and a QR code to the answer page. Codes appear only in the PDF; the server keeps their hashes only.',
          })}</p>
          {communes.length === 0
            ? <p className="notice">{t({ vi: 'Không có xã nào được chọn trong phạm vi của bạn.', en: 'No selected commune in your scope.' })}</p>
            : <SelectedCommunes wave={wave} communes={communes} canPrint={admin} onPrinted={() => view.reload()} />}
        </section>
      )}
    </article>
  );
}
