import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { PromiseCache } from '../common/promise-cache';
import { listCommunes, listProvinces } from './geography.repository';

export interface GeographyCodes {
  provinces: Set<string>;
  communesByProvince: Map<string, Set<string>>;
}

/**
 * The code lists responses are checked against, loaded once per geography: ingestion must not query
 * them per response. Whoever changes communes (frame upload) calls `invalidate`.
 */
export class GeographyCache {
  private readonly loaded = new PromiseCache((geographyCode: string) => this.load(geographyCode));

  constructor(private readonly db: Kysely<Database>) {}

  get(geographyCode: string): Promise<GeographyCodes> {
    return this.loaded.get(geographyCode);
  }

  invalidate(geographyCode: string): void {
    this.loaded.invalidate(geographyCode);
  }

  private async load(geographyCode: string): Promise<GeographyCodes> {
    const [provinces, communes] = await Promise.all([listProvinces(this.db, geographyCode), listCommunes(this.db, geographyCode)]);
    const communesByProvince = new Map<string, Set<string>>();
    for (const c of communes) {
      let set = communesByProvince.get(c.provinceCode);
      if (!set) communesByProvince.set(c.provinceCode, (set = new Set()));
      set.add(c.code);
    }
    return { provinces: new Set(provinces.map((p) => p.code)), communesByProvince };
  }
}
