import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'sipas_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** 256 random bits, URL-safe: the session cookie's value and the CSRF token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The session's database id: only this hash of the cookie's token is ever stored. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of a presented token with the expected one. */
export function tokensMatch(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** One cookie's value from the request's Cookie header (no cookie-parser needed for one cookie). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

function cookieOptions(req: Request) {
  // Lax: the cookie still comes along when an official follows a link to the dashboard from elsewhere,
  // but not on cross-site POSTs. Secure whenever the request reached us over https.
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' } as const;
}

export function setSessionCookie(req: Request, res: Response, token: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: maxAgeMs });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}
