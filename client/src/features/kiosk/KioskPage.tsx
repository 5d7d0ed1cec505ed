import { useEffect, useMemo, useRef } from 'react';
import { LangSwitch } from '../../components/LangSwitch';
import { OutboxIndicator } from '../../components/OutboxIndicator';
import { useLang, type Text } from '../../lib/i18n';
import { useOutbox } from '../../lib/use-outbox';
import type { DeviceCheck, KioskIdentity } from './kiosk-identity';
import { KioskNotice, type KioskNoticeProps } from './KioskNotice';
import { KioskSession } from './KioskSession';
import { kioskSettings, type KioskSettings } from './kiosk-settings';
import { reportKioskStatus } from './kiosk-status';
import { asksQuestion } from './questionnaire-questions';
import { useKioskDevice } from './use-kiosk-device';
import { useKioskQuestionnaire, type BundleState, type KioskBundle } from './use-kiosk-questionnaire';
import './kiosk.css';

const STAFF: Text = { vi: 'Xin vui lòng liên hệ cán bộ tại quầy.', en: 'Please ask the staff at the counter.' };
const join = (a: Text, b: Text): Text => ({ vi: `${a.vi} ${b.vi}`, en: `${a.en} ${b.en}` });

type Readiness =
  | { ready: false; notice: KioskNoticeProps }
  | { ready: true; bundle: KioskBundle; servicePoint: KioskIdentity['servicePoint'] };

const wait = (title: Text): Readiness => ({ ready: false, notice: { title, detail: { vi: 'Xin chờ trong giây lát.', en: 'One moment, please.' } } });
const refuse = (title: Text, detail: Text, onEnrol?: (token: string) => void): Readiness => ({ ready: false, notice: { title, detail, onEnrol } });
const RETRYING: Text = { vi: 'Ki-ốt sẽ tự thử lại khi có mạng.', en: 'The kiosk will try again when the network is back.' };

/** Whether the kiosk can take answers now, and what it says instead when it cannot. */
function readiness(check: DeviceCheck, bundle: BundleState, settings: KioskSettings, wave: string, enrol: (t: string) => void): Readiness {
  switch (check.state) {
    case 'checking':
      return wait({ vi: 'Đang khởi động ki-ốt…', en: 'Starting the kiosk…' });
    case 'not-enrolled':
      return refuse({ vi: 'Ki-ốt chưa được đăng ký', en: 'This kiosk is not enrolled' }, join({
        vi: 'Thiết bị này chưa được cán bộ đăng ký làm ki-ốt khảo sát nên chưa nhận ý kiến.',
        en: 'This device has not been enrolled as a survey kiosk, so it cannot take answers yet.',
      }, STAFF), enrol);
    case 'refused':
      return refuse({ vi: 'Ki-ốt đã ngừng nhận ý kiến', en: 'This kiosk no longer takes answers' }, join({ vi: check.title, en: check.titleEn }, STAFF), enrol);
    case 'enrol-failed':
      return refuse({ vi: 'Không đăng ký được ki-ốt', en: 'The kiosk could not be enrolled' }, join({ vi: check.title, en: check.titleEn }, STAFF), enrol);
    case 'unreachable':
      return refuse({ vi: 'Chưa kết nối được máy chủ', en: 'Cannot reach the server' }, join(RETRYING, STAFF));
  }
  const { servicePoint, device } = check.identity;
  if (settings.point && settings.point !== servicePoint.code) {
    return refuse({ vi: 'Ki-ốt đặt sai điểm phục vụ', en: 'Kiosk at the wrong service point' }, join({
      vi: `Ki-ốt được đăng ký cho điểm ${servicePoint.code}, không phải ${settings.point}.`,
      en: `The kiosk is enrolled for point ${servicePoint.code}, not ${settings.point}.`,
    }, STAFF));
  }
  if (device.wave && device.wave !== wave) {
    return refuse({ vi: 'Ki-ốt được đăng ký cho đợt khảo sát khác', en: 'Kiosk enrolled for another survey wave' },
      join({ vi: `Đợt khảo sát của ki-ốt này là ${device.wave}.`, en: `This kiosk's wave is ${device.wave}.` }, STAFF));
  }
  switch (bundle.state) {
    case 'loading':
      return wait({ vi: 'Đang tải phiếu hỏi…', en: 'Loading the questionnaire…' });
    case 'missing':
      return refuse({ vi: 'Không có đợt khảo sát này', en: 'No such survey wave' }, STAFF);
    case 'failed':
      return refuse({ vi: 'Không tải được phiếu hỏi', en: 'Could not load the questionnaire' }, join(RETRYING, STAFF));
  }
  if (bundle.bundle.wave.status !== 'open') {
    return refuse({ vi: 'Đợt khảo sát đã kết thúc', en: 'The survey wave is over' },
      { vi: 'Đợt khảo sát này hiện không nhận phiếu trả lời.', en: 'This survey wave is not accepting responses.' });
  }
  if (!asksQuestion(bundle.bundle.questionnaire, 'service_point')) {
    return refuse({ vi: 'Phiếu hỏi này không dùng trên ki-ốt', en: 'This questionnaire is not for kiosks' }, STAFF);
  }
  return { ready: true, bundle: bundle.bundle, servicePoint };
}

/** Asks for the whole screen at the first touch (kiosk browsers usually start in full screen anyway). */
function useFullScreenOnFirstTouch() {
  useEffect(() => {
    const go = () => {
      if (document.fullscreenEnabled && !document.fullscreenElement) document.documentElement.requestFullscreen().catch(() => undefined);
    };
    document.addEventListener('pointerdown', go, { once: true });
    return () => document.removeEventListener('pointerdown', go);
  }, []);
}

/** `/kiosk/:wave?point=CODE`: a touch screen at a service point, for one stranger after another. */
export function KioskPage({ wave }: { wave: string }) {
  const { t } = useLang();
  const settings = useMemo(() => kioskSettings(location.search), []);
  const queue = useOutbox();
  const { check, enrol } = useKioskDevice(queue.deviceRefusal !== null);
  const bundle = useKioskQuestionnaire(wave);
  useFullScreenOnFirstTouch();
  // At each confirmed check-in (start, then every minute), the queue's length and the page's build.
  const waiting = useRef(queue.waiting);
  waiting.current = queue.waiting;
  useEffect(() => {
    if (check.state === 'ready' && check.confirmed) void reportKioskStatus(waiting.current);
  }, [check]);

  const state = readiness(check, bundle, settings, wave, enrol);
  const place = check.state === 'ready' ? check.identity.servicePoint.nameVi : 'SIPAS';
  return (
    <div className="kiosk">
      <header className="kiosk-header">
        <span className="kiosk-place">{place}</span>
        <LangSwitch />
      </header>
      <main id="main" className="kiosk-main">
        {state.ready
          ? <KioskSession wave={wave} bundle={state.bundle} servicePoint={state.servicePoint.code} settings={settings} />
          : <KioskNotice {...state.notice} />}
      </main>
      <footer className="kiosk-footer" aria-label={t({ vi: 'Tình trạng gửi phiếu', en: 'Sending status' })}>
        <OutboxIndicator waiting={queue.waiting} rejected={queue.rejected} items={queue.items} offlineReady={bundle.state === 'ready' && bundle.offlineReady} />
      </footer>
    </div>
  );
}
