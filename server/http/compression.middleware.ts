import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';

/** Whole documents that are worth compressing; streams (NDJSON progress, CSV, zip, PDF) go out as written. */
const WHOLE = /^(application\/(json|problem\+json|javascript|manifest\+json)|text\/(html|css|javascript)|image\/svg\+xml)\b/;

/**
 * Brotli or gzip for the app's files and JSON answers (the 46 KB questionnaire is most of what a citizen's
 * phone downloads after the script). Exports that stream their progress are left alone, so no line waits in a buffer.
 */
export const compressWholeDocuments = compression({
  filter: (_req: IncomingMessage, res: ServerResponse) => WHOLE.test(String(res.getHeader('Content-Type') ?? '')),
});
