import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/session.middleware';
import { jsonBody } from '../http/json-body';
import { parseBody } from '../http/parse-body';
import type { IngestionDeps } from '../responses/responses.service';
import { printPaperForms } from './paper-forms.service';
import { readScans } from './paper-read.service';
import { listVerification, paperCounts, questionCutout, settleQuestion, verificationForm } from './paper-verify.service';

const printSchema = z.union([
  z.strictObject({ invitations: z.literal(true), communes: z.array(z.string().regex(/^[0-9]{5}$/)).max(5000).optional() }),
  z.strictObject({ count: z.number().int().min(1).max(5000) }),
]);
const settleSchema = z.strictObject({
  question: z.string().min(1).max(200),
  value: z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.union([z.string().max(200), z.number(), z.boolean()])).max(100), z.null()]),
});
const scanQuery = z.object({ name: z.string().max(200).optional(), dryRun: z.enum(['1', 'true']).optional() });

/** Largest scan file accepted in one upload: a batch of a few dozen pages. */
const SCAN_LIMIT = '80mb';

/**
 * The paper channel on the officials' screens (issue #16), for national administrators: print forms,
 * upload scans, verify what the reader was unsure of, and count forms per commune.
 */
export function paperRoutes(deps: IngestionDeps): Router {
  const router = Router();
  const admin = requireRole('national_admin');

  router.post('/waves/:wave/paper/forms', admin, jsonBody({ limit: '256kb' }), async (req: Request<{ wave: string }>, res) => {
    const request = parseBody(printSchema, req.body);
    const printed = await printPaperForms(deps.db, req.params.wave, 'count' in request ? { count: request.count } : { invitations: true, communes: request.communes }, actorOf(req));
    res.status(201).set('Cache-Control', 'no-store').type('application/pdf')
      .set('Content-Disposition', `attachment; filename="phieu-giay-${req.params.wave}.pdf"`)
      .set('X-Paper-Forms', String(printed.forms)).send(printed.pdf);
  });

  router.post('/waves/:wave/paper/scans', admin,
    express.raw({ type: ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'application/octet-stream'], limit: SCAN_LIMIT }),
    async (req: Request<{ wave: string }>, res) => {
      const query = parseBody(scanQuery, req.query);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const result = await readScans(deps, req.params.wave, [{ name: query.name ?? 'scan', bytes }], { dryRun: query.dryRun !== undefined, actor: actorOf(req) });
      res.set('Cache-Control', 'no-store').json(result);
    });

  router.get('/waves/:wave/paper/verification', admin, async (req: Request<{ wave: string }>, res) => {
    res.set('Cache-Control', 'no-store').json({ forms: await listVerification(deps, req.params.wave) });
  });

  router.get('/waves/:wave/paper/counts', admin, async (req: Request<{ wave: string }>, res) => {
    res.set('Cache-Control', 'no-store').json({ communes: await paperCounts(deps, req.params.wave) });
  });

  router.get('/paper/forms/:id', admin, async (req: Request<{ id: string }>, res) => {
    res.set('Cache-Control', 'no-store').json({ form: await verificationForm(deps, req.params.id) });
  });

  router.get('/paper/forms/:id/cutouts/:question', admin, async (req: Request<{ id: string; question: string }>, res) => {
    res.set('Cache-Control', 'private, max-age=300').type('image/jpeg').send(await questionCutout(deps, req.params.id, req.params.question));
  });

  router.post('/paper/forms/:id/settle', admin, jsonBody({ limit: '8kb' }), async (req: Request<{ id: string }>, res) => {
    const { question, value } = parseBody(settleSchema, req.body);
    res.set('Cache-Control', 'no-store').json({ form: await settleQuestion(deps, req.params.id, question, value, actorOf(req)) });
  });

  return router;
}
