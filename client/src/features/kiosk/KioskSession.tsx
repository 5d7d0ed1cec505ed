import { useCallback, useState } from 'react';
import { SurveyForm, type Choice } from '../../components/SurveyForm';
import { useLang } from '../../lib/i18n';
import { outbox } from '../../lib/outbox';
import { uuidV4 } from '../../lib/uuid';
import { IdleCountdown } from './IdleCountdown';
import type { KioskSettings } from './kiosk-settings';
import { ThankYouScreen } from './ThankYouScreen';
import type { KioskBundle } from './use-kiosk-questionnaire';
import { useIdleReset } from './use-idle-reset';

interface Respondent {
  /** The response's UUID; also the key that gives each respondent a new SurveyJS Model. */
  id: string;
  /** Set at the first answer: a form nobody touched has no start. */
  startedAt: string | null;
}

const newRespondent = (): Respondent => ({ id: uuidV4(), startedAt: null });

// The kiosk answers "where were you served?" itself; an empty list keeps the question off the screen.
const KIOSK_CHOICES: Record<string, Choice[]> = { service_point: [] };

export interface KioskSessionProps {
  wave: string;
  bundle: KioskBundle;
  servicePoint: string;
  settings: KioskSettings;
}

/**
 * One respondent after another on one screen. Each gets a new Model (nothing of the previous person
 * remains), answers are never saved as drafts, and a completed answer goes to the device's queue.
 */
export function KioskSession({ wave, bundle, servicePoint, settings }: KioskSessionProps) {
  const { lang, setLang } = useLang();
  const [respondent, setRespondent] = useState(newRespondent);
  const [thanking, setThanking] = useState(false);

  const nextPerson = useCallback(() => {
    setLang('vi');
    setThanking(false);
    setRespondent(newRespondent());
  }, [setLang]);

  const secondsLeft = useIdleReset({
    watching: !thanking && respondent.startedAt !== null,
    idleMs: settings.idleMs,
    countdownMs: settings.countdownMs,
    onIdle: nextPerson,
  });

  const started = useCallback(() => {
    setRespondent((r) => (r.startedAt ? r : { ...r, startedAt: new Date().toISOString() }));
  }, []);

  const complete = useCallback((data: Record<string, unknown>) => {
    const submittedAt = new Date().toISOString();
    // The write to the device's queue starts now and finishes on its own; the next person need not wait.
    outbox.enqueue({
      id: respondent.id, wave, via: 'kiosk',
      body: {
        id: respondent.id, channel: 'kiosk', answers: { ...data, service_point: servicePoint },
        startedAt: respondent.startedAt ?? submittedAt, submittedAt, questionnaireVersion: bundle.wave.questionnaireVersion,
      },
    }).catch((err) => console.error('kiosk: the answer could not be kept on the device', err));
    setThanking(true);
  }, [respondent, wave, servicePoint, bundle.wave.questionnaireVersion]);

  if (thanking) return <ThankYouScreen ms={settings.thanksMs} onNext={nextPerson} />;
  return (
    <>
      <SurveyForm key={respondent.id} json={bundle.questionnaire} lang={lang} choices={KIOSK_CHOICES} onChange={started} onComplete={complete} />
      {secondsLeft !== null && <IdleCountdown seconds={secondsLeft} />}
    </>
  );
}
