import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { NotFoundError } from '../errors/app-error';
import { findWave, type Wave } from './waves.repository';

/** The 404 problem for a wave id that names no wave. */
export function waveNotFound(id: string): NotFoundError {
  return new NotFoundError(`Không có đợt khảo sát "${id}"`, `No survey wave "${id}"`);
}

/** The wave, or a 404 problem naming it. */
export async function requireWave(db: Kysely<Database>, id: string): Promise<Wave> {
  const wave = await findWave(db, id);
  if (!wave) throw waveNotFound(id);
  return wave;
}
