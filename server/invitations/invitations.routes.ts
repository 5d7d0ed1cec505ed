import { Router, type Request } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/session.middleware';
import type { Database } from '../db/database';
import { parseBody } from '../http/parse-body';
import { invitationUrl, renderInvitationSheet } from './invitation-sheet';
import { lookUpInvitationThrottled } from './invitation-lookup';
import { issueInvitations } from './invitations.service';

const lookupSchema = z.strictObject({ code: z.string().trim().min(1).max(40) });

/**
 * Invitation codes. National administrators print a selected commune's sheet: `POST …/invitations`
 * issues fresh codes for its unanswered slots (revoking the unused ones of an earlier sheet) and returns
 * the PDF, or the codes as JSON for `Accept: application/json` (a mail merge). The citizen page looks a
 * code up (query string, so it stays out of the request log) to learn its place; refused look-ups are
 * throttled per client address. Links and QR codes carry `publicUrl()` (config `PUBLIC_URL`), never the
 * request's Host header, which anyone can forge.
 */
export function invitationRoutes(db: Kysely<Database>, publicUrl: () => string): Router {
  const router = Router();

  router.post('/waves/:wave/sample/communes/:commune/invitations', requireRole('national_admin'),
    async (req: Request<{ wave: string; commune: string }>, res) => {
      const issued = await issueInvitations(db, req.params.wave, req.params.commune, actorOf(req));
      res.set('Cache-Control', 'no-store');
      if (req.accepts(['application/pdf', 'application/json']) === 'application/json') {
        res.status(201).json({
          commune: issued.commune.commune_code, target: issued.commune.target, revoked: issued.revoked, usedSlots: issued.usedSlots,
          invitations: issued.codes.map((c) => ({ ...c, url: invitationUrl(publicUrl(), issued.wave.id, c.code) })),
        });
        return;
      }
      const pdf = await renderInvitationSheet(issued, publicUrl());
      res.status(201).type('application/pdf')
        .set('Content-Disposition', `attachment; filename="phieu-moi-${issued.wave.id}-${issued.commune.commune_code}.pdf"`)
        .send(pdf);
    });

  router.get('/waves/:wave/invitation', async (req: Request<{ wave: string }>, res) => {
    const { code } = parseBody(lookupSchema, req.query);
    res.set('Cache-Control', 'no-store').json({ invitation: await lookUpInvitationThrottled(db, req.params.wave, code, req.ip ?? null) });
  });

  return router;
}
