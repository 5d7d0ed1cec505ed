import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { NotFoundError } from '../errors/app-error';
import { findWave, type Wave } from './waves.repository';

/** The wave, or a 404 problem naming it. */
export async function requireWave(db: Kysely<Database>, id: string): Promise<Wave> {
  const wave = await findWave(db, id);
  if (!wave) throw new NotFoundError(`Không có đợt khảo sát "${id}"`, `No survey wave "${id}"`);
  return wave;
}
