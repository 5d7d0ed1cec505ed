import { useEffect, useSyncExternalStore } from 'react';
import { outbox, type OutboxSnapshot } from './outbox';

/** The device's queue of completed responses; starts sending whatever waits. */
export function useOutbox(): OutboxSnapshot {
  useEffect(() => { void outbox.start(); }, []);
  return useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);
}
