import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { OutboxIndicator } from '../../components/OutboxIndicator';
import { RefusedAnswers } from '../../components/RefusedAnswers';
import { SurveyForm, type Choice } from '../../components/SurveyForm';
import { api, ProblemError } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import type { Fate, OutboxSnapshot, Refusal } from '../../lib/outbox';
import { outbox } from '../../lib/outbox';
import { releaseStaticPage, withStaticAnswers } from '../../lib/static-page';
import { useOutbox } from '../../lib/use-outbox';
import { uuidV4 } from '../../lib/uuid';
import { draftStorage } from './draft-storage';
import { ConfirmationPanel } from './ConfirmationPanel';
import { InvitationPanel } from './InvitationPanel';
import { responseBodyOf, submitResponse } from './submit-response';
import { useInvitation } from './use-invitation';
import type { CommuneOption, Draft, QuestionnaireBundle, ServicePointOption } from './types';

type Sending =
  | { state: 'idle' }
  | { state: 'queued' }
  | { state: 'sending'; attempt: number }
  | { state: 'sent'; duplicate: boolean }
  | { state: 'offline' }
  | { state: 'refused'; refusal: Refusal };

function newDraft(): Draft {
  return { id: uuidV4(), startedAt: new Date().toISOString(), data: {}, pageNo: 0 };
}

const channel = () => (matchMedia('(pointer: coarse)').matches ? 'phone' : 'web');

/** How the response this page handed to the queue is doing. */
function sendingOf(fate: Fate | undefined, queue: OutboxSnapshot): Sending {
  switch (fate?.phase) {
    case 'sending': return { state: 'sending', attempt: fate.attempt };
    case 'sent': return { state: 'sent', duplicate: fate.duplicate };
    case 'offline': return { state: 'offline' };
    case 'refused': return { state: 'refused', refusal: fate.refusal };
    default: return queue.offline ? { state: 'offline' } : { state: 'queued' };
  }
}

function SendingStatus({ sending, onRetry }: { sending: Sending; onRetry: () => void }) {
  const { t } = useLang();
  switch (sending.state) {
    case 'idle':
      return null;
    case 'queued':
      return <p className="notice">{t({ vi: 'Phiếu trả lời đã hoàn thành đang chờ gửi…', en: 'Your completed answers are waiting to be sent…' })}</p>;
    case 'sending':
      return <p className="notice">{t({ vi: `Đang gửi phiếu trả lời… (lần ${sending.attempt})`, en: `Sending your answers… (attempt ${sending.attempt})` })}</p>;
    case 'sent':
      // The confirmation panel says it.
      return null;
    case 'offline':
      return (
        <div className="notice error">
          <p>{t({
            vi: 'Chưa gửi được vì mất kết nối mạng. Câu trả lời vẫn được lưu an toàn trên thiết bị này và sẽ tự động được gửi khi có mạng; ông/bà cũng có thể gửi lại ngay.',
            en: 'Could not send: the network is unavailable. Your answers are kept safely on this device and will be sent by themselves when you are online; you can also send them again now.',
          })}</p>
          <button type="button" className="button" onClick={onRetry}>{t({ vi: 'Gửi lại', en: 'Send again' })}</button>
        </div>
      );
    case 'refused':
      return (
        <div className="notice error">
          <p>{t({ vi: sending.refusal.title, en: sending.refusal.titleEn })}</p>
          {sending.refusal.issues.length > 0 && (
            <ul>{sending.refusal.issues.map((i) => <li key={i.field + i.rule}>{i.field}: {t({ vi: i.message, en: i.messageEn ?? i.message })}</li>)}</ul>
          )}
          <p>{t({
            vi: 'Phiếu chưa được tính, nhưng vẫn được giữ trên thiết bị này: xem bên dưới để tải xuống.',
            en: 'Your answers have not been counted, but they are kept on this device: see below to download them.',
          })}</p>
        </div>
      );
  }
}

export function SurveyPage({ wave }: { wave: string }) {
  const { lang, t } = useLang();
  const queue = useOutbox();
  const [bundle, setBundle] = useState<QuestionnaireBundle | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(() => draftStorage.load(wave) ?? newDraft());
  const [queued, setQueued] = useState<string | null>(null);
  const [communes, setCommunes] = useState<Choice[] | null>(null);
  const [servicePoints, setServicePoints] = useState<Choice[]>([]);
  const invitation = useInvitation(wave);
  // A refused code is not sent: the citizen either corrects it or answers without one.
  const invitationCode = invitation.state.status === 'none' || invitation.state.status === 'refused' ? undefined : invitation.state.code;

  useEffect(() => {
    api.get<QuestionnaireBundle>(`/api/waves/${encodeURIComponent(wave)}/questionnaire`)
      .then(setBundle)
      .catch((err) => setLoadError(err instanceof ProblemError && err.status === 404 ? 'not-found' : 'failed'));
  }, [wave]);

  useEffect(() => {
    if (bundle?.wave.design !== 'service_point') return;
    api.get<{ servicePoints: ServicePointOption[] }>(`/api/waves/${encodeURIComponent(wave)}/service-points`)
      .then((r) => setServicePoints(r.servicePoints.map((p) => ({ value: p.code, text: p.nameVi }))), () => undefined);
  }, [bundle, wave]);

  const loadCommunes = useCallback(async (province: unknown): Promise<Choice[]> => {
    if (typeof province !== 'string' || !province) return [];
    const res = await api.get<{ communes: CommuneOption[] }>(
      `/api/waves/${encodeURIComponent(wave)}/communes?province=${encodeURIComponent(province)}`,
    ).catch(() => ({ communes: [] }));
    return res.communes.map((c) => ({ value: c.code, text: c.nameVi }));
  }, [wave]);

  useEffect(() => { loadCommunes(draft.data.province).then(setCommunes); }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const complete = useCallback(async (done: Draft, submittedAt: string) => {
    // The response is on the device (IndexedDB) before its draft goes: it is never in neither.
    await submitResponse(wave, responseBodyOf(done, submittedAt, channel(), bundle?.wave.questionnaireVersion, invitationCode));
    draftStorage.clear(wave);
    setQueued(done.id);
  }, [wave, bundle, invitationCode]);

  // A draft completed by an earlier version of this page, never acknowledged: it joins the queue.
  useEffect(() => { if (draft.submittedAt) void complete(draft, draft.submittedAt); }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // An invitation's place is known: its questions are not asked (an empty list hides them).
  const invited = invitation.state.status === 'valid';
  const choices = useMemo(() => ({
    province: invited ? [] : (bundle?.provinces ?? []).map((p) => ({ value: p.code, text: p.nameVi })),
    commune: invited ? [] : communes ?? [],
    service_point: servicePoints,
  }), [bundle, communes, servicePoints, invited]);

  // A response of this wave still waiting from an earlier visit speaks for this visit too.
  const earlier = queue.items.find((i) => i.wave === wave && i.via === 'public' && !i.rejected)?.id;
  const mine = queued ?? earlier ?? (draft.submittedAt ? draft.id : null);
  const sent = mine !== null && queue.fates.get(mine)?.phase === 'sent';
  const { markAnswered } = invitation;
  useEffect(() => { if (sent) markAnswered(); }, [sent, markAnswered]);

  // The server sent the first page as HTML (lib/static-page.ts): it stays on screen until this page has
  // something of its own to show, and the answers given there seed the questionnaire.
  const settled = loadError !== null || invitation.state.status === 'answered'
    || (bundle !== null && communes !== null && queue.loaded && invitation.state.status !== 'checking');
  const handed = useRef<Record<string, unknown> | null | undefined>(undefined);
  if (settled && !mine && bundle?.wave.status === 'open' && handed.current === undefined) {
    handed.current = withStaticAnswers(draft.data);
    // Another province than the draft's: its commune no longer belongs.
    if (handed.current && handed.current.province !== draft.data.province) delete handed.current.commune;
  }
  useLayoutEffect(() => {
    if (!settled) return;
    releaseStaticPage();
    const data = handed.current;
    handed.current = null;
    if (!data || JSON.stringify(data) === JSON.stringify(draft.data)) return;
    const next = { ...draft, data };
    draftStorage.save(wave, next);
    setDraft(next);
    if (data.province !== draft.data.province) loadCommunes(data.province).then(setCommunes);
  }, [settled]); // eslint-disable-line react-hooks/exhaustive-deps

  // Answers the server refused stay on the device; they are shown whatever else the page says.
  const refused = <RefusedAnswers items={queue.items} audience="respondent" />;
  if (loadError === 'not-found') {
    return <>{refused}<p className="notice error">{t({ vi: `Không tìm thấy đợt khảo sát “${wave}”.`, en: `Survey wave “${wave}” was not found.` })} <a href="/s/">{t({ vi: 'Xem các đợt đang mở', en: 'See open waves' })}</a></p></>;
  }
  if (loadError) {
    return <p className="notice error">{t({ vi: 'Không tải được phiếu hỏi. Vui lòng kiểm tra kết nối mạng và tải lại trang.', en: 'Could not load the questionnaire. Check the network and reload the page.' })}</p>;
  }
  if (invitation.state.status === 'answered') {
    return <p className="notice success">{t({ vi: 'Ông/bà đã gửi phiếu trả lời bằng mã mời này. Xin chân thành cảm ơn!', en: 'You have already sent your answers with this invitation code. Thank you!' })}</p>;
  }
  if (!bundle || !communes || !queue.loaded || invitation.state.status === 'checking') return <p aria-busy="true">{t({ vi: 'Đang tải phiếu hỏi…', en: 'Loading the questionnaire…' })}</p>;
  if (bundle.wave.status !== 'open') {
    return <>{refused}<p className="notice">{t({ vi: 'Đợt khảo sát này hiện không nhận phiếu trả lời.', en: 'This survey wave is not accepting responses.' })}</p></>;
  }

  const sending: Sending = mine ? sendingOf(queue.fates.get(mine), queue) : { state: 'idle' };
  return (
    <section className="survey-page">
      {bundle.wave.isSynthetic && <p className="notice">Dữ liệu mô phỏng (synthetic)</p>}
      {sending.state === 'sent' && <ConfirmationPanel completedHtml={bundle.questionnaire.completedHtml as never} />}
      {!mine && <InvitationPanel state={invitation.state} household={bundle.wave.design === 'household'} onEnter={invitation.enter} onWithout={invitation.clear} />}
      <div role="status" aria-live="polite">
        <SendingStatus sending={sending} onRetry={() => outbox.retryNow()} />
      </div>
      {refused}
      {!mine && (
        <SurveyForm
          json={bundle.questionnaire}
          lang={lang}
          initialData={handed.current ?? draft.data}
          initialPage={draft.pageNo}
          choices={choices}
          ratingsAsChoices
          onDependentChoices={async (name, value): Promise<Record<string, Choice[]>> => (name === 'province' ? { commune: await loadCommunes(value) } : {})}
          onChange={(data, pageNo) => {
            const next = { ...draft, data, pageNo };
            draftStorage.save(wave, next);
            setDraft(next);
          }}
          onComplete={(data) => void complete({ ...draft, data }, new Date().toISOString())}
        />
      )}
      {queue.waiting > 0 && !mine && <OutboxIndicator waiting={queue.waiting} rejected={0} />}
    </section>
  );
}
