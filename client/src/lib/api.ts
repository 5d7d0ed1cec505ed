/** One issue with one field, as the server lists it in problem+json `errors`. */
export interface FieldIssue { field: string; rule: string; message: string; messageEn?: string }

/** A refusal from the server (problem+json), typed. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly titleEn: string,
    readonly issues: FieldIssue[],
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

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...csrfHeader(method) },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new NetworkError((err as Error).message);
  }
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    if (type.includes('json')) {
      const p = await res.json().catch(() => ({}));
      throw new ProblemError(res.status, p.title ?? res.statusText, p.title_en ?? res.statusText, p.errors ?? []);
    }
    if (res.status >= 500 || res.status === 0) throw new NetworkError(`HTTP ${res.status}`);
    throw new ProblemError(res.status, res.statusText, res.statusText, []);
  }
  if (res.status === 204) return undefined as T;
  return res.json() as Promise<T>;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown) => request<T>('POST', url, body),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
};
