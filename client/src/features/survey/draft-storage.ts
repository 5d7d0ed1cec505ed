import type { Draft } from './types';

const key = (wave: string) => `sipas.draft.${wave}`;

/** An unfinished answer survives a reload; it lives only on this device and is removed once stored. */
export const draftStorage = {
  load(wave: string): Draft | null {
    try {
      const raw = localStorage.getItem(key(wave));
      return raw ? (JSON.parse(raw) as Draft) : null;
    } catch {
      return null;
    }
  },
  save(wave: string, draft: Draft): void {
    try { localStorage.setItem(key(wave), JSON.stringify(draft)); } catch { /* storage full or disabled */ }
  },
  clear(wave: string): void {
    try { localStorage.removeItem(key(wave)); } catch { /* nothing to clear */ }
  },
};
