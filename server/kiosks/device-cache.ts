import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { deviceTokenHash } from './device-token';
import { toKioskDevice, type KioskDevice } from './kiosk-device';
import { findDeviceByTokenHash, touchDevice } from './kiosk-devices.repository';
import type { KioskPolicy } from './kiosk.policy';

interface Entry { device: KioskDevice | null; until: number }

/** Beyond this many cached tokens, expired entries are swept before adding another. */
const SWEEP_ABOVE = 10_000;

/**
 * Finds the device a token belongs to. Lookups are kept for `deviceCacheMs`, so a busy kiosk costs one
 * query per few seconds; a revocation made through this process is applied at once with `forget`.
 */
export class DeviceCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly db: Kysely<Database>, private readonly policy: KioskPolicy) {}

  /** The device holding `token` (revoked ones included, for the caller to refuse), or null. */
  async resolve(token: string, now = Date.now()): Promise<KioskDevice | null> {
    const hash = deviceTokenHash(token);
    let entry = this.entries.get(hash);
    if (!entry || entry.until <= now) {
      const row = await findDeviceByTokenHash(this.db, hash);
      if (this.entries.size >= SWEEP_ABOVE) this.sweep(now);
      entry = { device: row ? toKioskDevice(row) : null, until: now + this.policy.deviceCacheMs };
      this.entries.set(hash, entry);
    }
    const device = entry.device;
    if (device && !device.revokedAt && (!device.lastSeenAt || now - device.lastSeenAt.getTime() >= this.policy.touchMs)) {
      device.lastSeenAt = new Date(now);
      await touchDevice(this.db, device.id, device.lastSeenAt);
    }
    return device;
  }

  /** Drops what is cached about a device (after revoking it or deactivating its point). */
  forget(deviceId: string): void {
    for (const [hash, entry] of this.entries) if (entry.device?.id === deviceId) this.entries.delete(hash);
  }

  /** Drops every cached device of a service point. */
  forgetServicePoint(code: string): void {
    for (const [hash, entry] of this.entries) if (entry.device?.servicePoint.code === code) this.entries.delete(hash);
  }

  private sweep(now: number): void {
    for (const [hash, entry] of this.entries) if (entry.until <= now) this.entries.delete(hash);
  }
}
