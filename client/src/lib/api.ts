/** One issue with one field, as the server lists it in problem+json `errors`. */
export interface FieldIssue { field: string; rule: string; message: string; messageEn?: string }

/** A refusal from the server (problem+json), typed. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly titleEn: string,
    readonly issues: FieldIssue[],
    /** The problem type, e.g. `urn:sipas:problem:kiosk_revoked`; empty when the server sent none. */
    readonly type = '',
    /** From `Retry-After`, when the server said when to come back (429). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(titleEn || title);
  }
}

/** The request never reached the server or its answer never came back: safe to retry. */
export class NetworkError extends Error {}

let csrfToken: string | null = null;

/** The signed-in official's CSRF token (from login or the session), sent on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function csrfHeader(method: string): Record<string, string> {
  return method !== 'GET' && csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Give up (as a NetworkError) after this long: a half-working network must not hang a kiosk. */
  timeoutMs?: number;
}

function retryAfter(res: Response): number | null {
  const seconds = Number(res.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

async function request<T>(method: string, url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...csrfHeader(method), ...options.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
    });
  } catch (err) {
    throw new NetworkError((err as Error).message);
  }
  if (!res.ok) throw await failure(res);
  if (res.status === 204) return undefined as T;
  return res.json() as Promise<T>;
}

/** The error a refused or failed answer stands for: a typed problem, or a network error worth retrying. */
async function failure(res: Response): Promise<ProblemError | NetworkError> {
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    const p = await res.json().catch(() => ({}));
    return new ProblemError(res.status, p.title ?? res.statusText, p.title_en ?? res.statusText, p.errors ?? [], p.type ?? '', retryAfter(res));
  }
  if (res.status >= 500 || res.status === 0) return new NetworkError(`HTTP ${res.status}`);
  return new ProblemError(res.status, res.statusText, res.statusText, [], '', retryAfter(res));
}

/** A request whose body or answer is not JSON (a CSV upload, a PDF); refusals throw as with `request`. */
async function exchange(method: string, url: string, init: { body?: string | Blob; contentType?: string; accept?: string } = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        ...(init.contentType ? { 'Content-Type': init.contentType } : {}),
        ...(init.accept ? { Accept: init.accept } : {}),
        ...csrfHeader(method),
      },
      body: init.body,
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new NetworkError((err as Error).message);
  }
  if (!res.ok) throw await failure(res);
  return res;
}

/** The file name a download's `Content-Disposition` proposes, if any. */
function filenameOf(res: Response): string | null {
  return /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? null;
}

export const api = {
  get: <T>(url: string, options?: RequestOptions) => request<T>('GET', url, undefined, options),
  post: <T>(url: string, body: unknown, options?: RequestOptions) => request<T>('POST', url, body, options),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
  /** Posts a file's text (a CSV upload) and reads the JSON answer. */
  upload: async <T>(url: string, text: string, contentType = 'text/csv; charset=utf-8') =>
    (await exchange('POST', url, { body: text, contentType })).json() as Promise<T>,
  /** Posts and receives a file (e.g. a PDF made on request). */
  download: async (url: string, accept = 'application/pdf', json?: unknown) => {
    const res = await exchange('POST', url, { accept, ...(json === undefined ? {} : { body: JSON.stringify(json), contentType: 'application/json' }) });
    return { blob: await res.blob(), filename: filenameOf(res) };
  },
  /** Posts a file as it is (a scan) and reads the JSON answer. */
  uploadFile: async <T>(url: string, file: Blob) =>
    (await exchange('POST', url, { body: file, contentType: file.type || 'application/octet-stream' })).json() as Promise<T>,
};
