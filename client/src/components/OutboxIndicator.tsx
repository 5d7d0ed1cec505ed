import { useLang } from '../lib/i18n';

export interface OutboxIndicatorProps {
  waiting: number;
  rejected: number;
  /** Whether the app and questionnaire are stored for use without a network; omit where it does not matter. */
  offlineReady?: boolean;
}

/** A small line for staff: how many completed answers wait on this device to be sent. */
export function OutboxIndicator({ waiting, rejected, offlineReady }: OutboxIndicatorProps) {
  const { t } = useLang();
  const parts = [
    waiting === 0
      ? t({ vi: 'Đã gửi hết phiếu', en: 'All answers sent' })
      : t({ vi: `${waiting} phiếu chờ gửi`, en: `${waiting} ${waiting === 1 ? 'answer' : 'answers'} waiting to be sent` }),
    ...(rejected > 0 ? [t({ vi: `${rejected} phiếu bị từ chối`, en: `${rejected} refused` })] : []),
    ...(offlineReady ? [t({ vi: 'Dùng được khi mất mạng', en: 'Works offline' })] : []),
  ];
  return (
    <p className="outbox-indicator" role="status" data-waiting={waiting} data-rejected={rejected} data-offline-ready={offlineReady ? 'true' : 'false'}>
      {parts.join(' · ')}
    </p>
  );
}
