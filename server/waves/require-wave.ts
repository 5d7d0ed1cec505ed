import type { Kysely } from 'kysely';
import type { AuthUser } from '../auth/auth-user';
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

/**
 * A wave as the public may see it: open or closed. A draft (its questionnaire still being prepared) is
 * shown only to a signed-in official, and to anyone else is the same 404 as a wave that does not exist.
 */
export async function requirePublicWave(db: Kysely<Database>, id: string, viewer: AuthUser | null): Promise<Wave> {
  const wave = await requireWave(db, id);
  if (wave.status === 'draft' && !viewer) throw waveNotFound(id);
  return wave;
}
