import { useCallback, useEffect, useMemo, useState } from 'react';
import { SurveyForm, type Choice } from '../../components/SurveyForm';
import { api, NetworkError, ProblemError } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import { uuidV4 } from '../../lib/uuid';
import { draftStorage } from './draft-storage';
import { submitResponse } from './submit-response';
import type { CommuneOption, Draft, QuestionnaireBundle } from './types';

type Sending =
  | { state: 'idle' }
  | { state: 'sending'; attempt: number }
  | { state: 'sent'; duplicate: boolean }
  | { state: 'offline' }
  | { state: 'refused'; error: ProblemError };

function newDraft(): Draft {
  return { id: uuidV4(), startedAt: new Date().toISOString(), data: {}, pageNo: 0 };
}

const channel = () => (matchMedia('(pointer: coarse)').matches ? 'phone' : 'web');

function SendingStatus({ sending, onRetry }: { sending: Sending; onRetry: () => void }) {
  const { t } = useLang();
  switch (sending.state) {
    case 'idle':
      return null;
    case 'sending':
      return <p className="notice">{t({ vi: `Đang gửi phiếu trả lời… (lần ${sending.attempt})`, en: `Sending your answers… (attempt ${sending.attempt})` })}</p>;
    case 'sent':
      return (
        <p className="notice success">
          {t({ vi: 'Phiếu trả lời của ông/bà đã được ghi nhận. Xin chân thành cảm ơn!', en: 'Your answers have been recorded. Thank you!' })}
        </p>
      );
    case 'offline':
      return (
        <div className="notice error">
          <p>{t({
            vi: 'Chưa gửi được vì mất kết nối mạng. Câu trả lời vẫn được lưu an toàn trên thiết bị này; ông/bà có thể gửi lại khi có mạng.',
            en: 'Could not send: the network is unavailable. Your answers are kept safely on this device; send them again when you are online.',
          })}</p>
          <button type="button" className="button" onClick={onRetry}>{t({ vi: 'Gửi lại', en: 'Send again' })}</button>
        </div>
      );
    case 'refused':
      return (
        <div className="notice error">
          <p>{t({ vi: sending.error.title, en: sending.error.titleEn })}</p>
          {sending.error.issues.length > 0 && (
            <ul>{sending.error.issues.map((i) => <li key={i.field + i.rule}>{i.field}: {t({ vi: i.message, en: i.messageEn ?? i.message })}</li>)}</ul>
          )}
        </div>
      );
  }
}

export function SurveyPage({ wave }: { wave: string }) {
  const { lang, t } = useLang();
  const [bundle, setBundle] = useState<QuestionnaireBundle | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(() => draftStorage.load(wave) ?? newDraft());
  const [sending, setSending] = useState<Sending>({ state: 'idle' });
  const [communes, setCommunes] = useState<Choice[] | null>(null);

  useEffect(() => {
    api.get<QuestionnaireBundle>(`/api/waves/${encodeURIComponent(wave)}/questionnaire`)
      .then(setBundle)
      .catch((err) => setLoadError(err instanceof ProblemError && err.status === 404 ? 'not-found' : 'failed'));
  }, [wave]);

  const loadCommunes = useCallback(async (province: unknown): Promise<Choice[]> => {
    if (typeof province !== 'string' || !province) return [];
    const res = await api.get<{ communes: CommuneOption[] }>(
      `/api/waves/${encodeURIComponent(wave)}/communes?province=${encodeURIComponent(province)}`,
    ).catch(() => ({ communes: [] }));
    return res.communes.map((c) => ({ value: c.code, text: c.nameVi }));
  }, [wave]);

  useEffect(() => { loadCommunes(draft.data.province).then(setCommunes); }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const send = useCallback(async (toSend: Draft) => {
    try {
      const outcome = await submitResponse(wave, toSend, channel(), (attempt) => setSending({ state: 'sending', attempt }));
      draftStorage.clear(wave);
      setSending({ state: 'sent', duplicate: outcome.duplicate });
    } catch (err) {
      if (err instanceof ProblemError) setSending({ state: 'refused', error: err });
      else if (err instanceof NetworkError) setSending({ state: 'offline' });
      else throw err;
    }
  }, [wave]);

  // A response completed earlier but never acknowledged is sent as soon as the page opens again.
  useEffect(() => { if (draft.submittedAt) void send(draft); }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const choices = useMemo(() => ({
    province: (bundle?.provinces ?? []).map((p) => ({ value: p.code, text: p.nameVi })),
    commune: communes ?? [],
  }), [bundle, communes]);

  if (loadError === 'not-found') {
    return <p className="notice error">{t({ vi: `Không tìm thấy đợt khảo sát “${wave}”.`, en: `Survey wave “${wave}” was not found.` })} <a href="/s/">{t({ vi: 'Xem các đợt đang mở', en: 'See open waves' })}</a></p>;
  }
  if (loadError) {
    return <p className="notice error">{t({ vi: 'Không tải được phiếu hỏi. Vui lòng kiểm tra kết nối mạng và tải lại trang.', en: 'Could not load the questionnaire. Check the network and reload the page.' })}</p>;
  }
  if (!bundle || !communes) return <p aria-busy="true">{t({ vi: 'Đang tải phiếu hỏi…', en: 'Loading the questionnaire…' })}</p>;
  if (bundle.wave.status !== 'open') {
    return <p className="notice">{t({ vi: 'Đợt khảo sát này hiện không nhận phiếu trả lời.', en: 'This survey wave is not accepting responses.' })}</p>;
  }

  const completedEarlier = Boolean(draft.submittedAt);
  return (
    <section className="survey-page">
      {bundle.wave.isSynthetic && <p className="notice">Dữ liệu mô phỏng (synthetic)</p>}
      <div role="status" aria-live="polite">
        <SendingStatus sending={sending} onRetry={() => void send(draft)} />
      </div>
      {!completedEarlier && (
        <SurveyForm
          json={bundle.questionnaire}
          lang={lang}
          initialData={draft.data}
          initialPage={draft.pageNo}
          choices={choices}
          onDependentChoices={async (name, value): Promise<Record<string, Choice[]>> => (name === 'province' ? { commune: await loadCommunes(value) } : {})}
          onChange={(data, pageNo) => {
            const next = { ...draft, data, pageNo };
            draftStorage.save(wave, next);
            setDraft(next);
          }}
          onComplete={(data) => {
            const done = { ...draft, data, submittedAt: new Date().toISOString() };
            draftStorage.save(wave, done);
            setDraft(done);
            void send(done);
          }}
        />
      )}
    </section>
  );
}
