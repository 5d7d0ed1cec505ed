import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { findWave, type Wave } from './waves.repository';

/** How long another server process may keep answering from a wave's old state (e.g. just closed). */
export const WAVE_CACHE_TTL_MS = 1000;

/**
 * Waves read on every response, kept for a second: ingestion then costs one database round trip (the
 * insert) instead of two. This process's own changes invalidate at once; other processes within the TTL.
 */
export class WaveCache {
  private readonly entries = new Map<string, { until: number; wave: Promise<Wave | undefined> }>();

  constructor(private readonly db: Kysely<Database>, private readonly ttlMs = WAVE_CACHE_TTL_MS) {}

  get(id: string): Promise<Wave | undefined> {
    const now = Date.now();
    const entry = this.entries.get(id);
    if (entry && entry.until > now) return entry.wave;
    const wave = findWave(this.db, id);
    wave.catch(() => this.entries.delete(id));
    this.entries.set(id, { until: now + this.ttlMs, wave });
    return wave;
  }

  invalidate(id: string): void {
    this.entries.delete(id);
  }
}
