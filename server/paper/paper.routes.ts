import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { actorOf, currentUser, requireRole } from '../auth/session.middleware';
import { jsonBody } from '../http/json-body';
import { parseBody } from '../http/parse-body';
import type { IngestionDeps } from '../responses/responses.service';
import { printPaperForms } from './paper-forms.service';
import { readScans } from './paper-read.service';
import { findFormByCode, keyForm, keyingForm } from './paper-keying.service';
import { listVerification, paperCounts, questionCutout, settleQuestion, verificationForm } from './paper-verify.service';

const printSchema = z.union([
  z.strictObject({ invitations: z.literal(true), communes: z.array(z.string().regex(/^[0-9]{5}$/)).max(5000).optional() }),
  z.strictObject({ count: z.number().int().min(1).max(5000) }),
]);
const settleSchema = z.strictObject({
  question: z.string().min(1).max(200),
  value: z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.union([z.string().max(200), z.number(), z.boolean()])).max(100), z.null()]),
});
const lookupSchema = z.strictObject({ form: z.string().trim().min(1).max(40) });
const keyingSchema = z.strictObject({
  answers: z.record(z.string().max(200), settleSchema.shape.value).refine((a) => Object.keys(a).length <= 2000, { message: 'too many answers' }),
  double: z.boolean().default(false),
});
const scanQuery = z.object({ name: z.string().max(200).optional(), dryRun: z.enum(['1', 'true']).optional() });

/** Largest scan file accepted in one upload: a batch of a few dozen pages. */
const SCAN_LIMIT = '80mb';

/**
 * The paper channel on the officials' screens (issue #16). National administrators print forms and upload
 * scans; they and province officials (for the communes of their province only) verify what the reader was
 * unsure of, key forms that cannot be scanned, and count forms per commune.
 */
export function paperRoutes(deps: IngestionDeps): Router {
  const router = Router();
  const admin = requireRole('national_admin');
  const clerk = requireRole('national_admin', 'province_official');

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

  router.get('/waves/:wave/paper/verification', clerk, async (req: Request<{ wave: string }>, res) => {
    res.set('Cache-Control', 'no-store').json({ forms: await listVerification(deps, req.params.wave, currentUser(req)) });
  });

  router.get('/waves/:wave/paper/counts', clerk, async (req: Request<{ wave: string }>, res) => {
    res.set('Cache-Control', 'no-store').json({ communes: await paperCounts(deps, req.params.wave, currentUser(req)) });
  });

  // A POST so that the invitation code typed from the paper stays out of URLs and access logs.
  router.post('/waves/:wave/paper/lookup', clerk, jsonBody({ limit: '2kb' }), async (req: Request<{ wave: string }>, res) => {
    const { form } = parseBody(lookupSchema, req.body);
    res.set('Cache-Control', 'no-store').json({ form: await findFormByCode(deps, req.params.wave, form, currentUser(req)) });
  });

  router.get('/paper/forms/:id', clerk, async (req: Request<{ id: string }>, res) => {
    res.set('Cache-Control', 'no-store').json({ form: await verificationForm(deps, req.params.id, currentUser(req)) });
  });

  router.get('/paper/forms/:id/cutouts/:question', clerk, async (req: Request<{ id: string; question: string }>, res) => {
    res.set('Cache-Control', 'private, max-age=300').type('image/jpeg').send(await questionCutout(deps, req.params.id, req.params.question, currentUser(req)));
  });

  router.post('/paper/forms/:id/settle', clerk, jsonBody({ limit: '8kb' }), async (req: Request<{ id: string }>, res) => {
    const { question, value } = parseBody(settleSchema, req.body);
    res.set('Cache-Control', 'no-store').json({ form: await settleQuestion(deps, req.params.id, question, value, currentUser(req), actorOf(req)) });
  });

  router.get('/paper/forms/:id/keying', clerk, async (req: Request<{ id: string }>, res) => {
    res.set('Cache-Control', 'no-store').json({ form: await keyingForm(deps, req.params.id, currentUser(req)) });
  });

  router.post('/paper/forms/:id/keying', clerk, jsonBody({ limit: '256kb' }), async (req: Request<{ id: string }>, res) => {
    const input = parseBody(keyingSchema, req.body);
    res.set('Cache-Control', 'no-store').json({ form: await keyForm(deps, req.params.id, input, currentUser(req), actorOf(req)) });
  });

  return router;
}
