import { useLang } from '../lib/i18n';
import type { OutboxItem } from '../lib/outbox';
import { RefusedAnswers } from './RefusedAnswers';

export interface OutboxIndicatorProps {
  waiting: number;
  rejected: number;
  /** The device's queue: when given, the refused answers open below the line for staff, with their download. */
  items?: readonly OutboxItem[];
  /** Whether the app and questionnaire are stored for use without a network; omit where it does not matter. */
  offlineReady?: boolean;
}

/** A small line for staff: how many completed answers wait on this device to be sent, and how many were refused. */
export function OutboxIndicator({ waiting, rejected, items, offlineReady }: OutboxIndicatorProps) {
  const { t } = useLang();
  const parts = [
    waiting === 0
      ? t({ vi: 'Đã gửi hết phiếu', en: 'All answers sent' })
      : t({ vi: `${waiting} phiếu chờ gửi`, en: `${waiting} ${waiting === 1 ? 'answer' : 'answers'} waiting to be sent` }),
    ...(rejected > 0 ? [t({ vi: `${rejected} phiếu bị từ chối`, en: `${rejected} refused` })] : []),
    ...(offlineReady ? [t({ vi: 'Dùng được khi mất mạng', en: 'Works offline' })] : []),
  ];
  return (
    <>
      <p className="outbox-indicator" role="status" data-waiting={waiting} data-rejected={rejected} data-offline-ready={offlineReady ? 'true' : 'false'}>
        {parts.join(' · ')}
      </p>
      {items && rejected > 0 && (
        <details className="outbox-refused">
          <summary>{t({ vi: 'Xem phiếu bị từ chối (dành cho cán bộ)', en: 'See the refused answers (for staff)' })}</summary>
          <RefusedAnswers items={items} audience="staff" />
        </details>
      )}
    </>
  );
}
