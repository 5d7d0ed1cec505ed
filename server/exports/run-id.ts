import type { Request } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../errors/app-error';

/** The `:id` of a run route; anything that is not a UUID names no run (404, never a database error). */
export function runIdOf(req: Request): string {
  const id = z.uuid().safeParse(req.params.id);
  if (!id.success) throw new NotFoundError('Không tìm thấy lần ước lượng này', 'No such estimation run');
  return id.data;
}
