import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/database';
import type { Agent } from './users';

/** Characters PostgreSQL refuses in text (NUL) or would store altered (UTF-16 surrogates on their own). */
export const HOSTILE_CHARACTERS = ['\u0000', '\ud800', '\udbff', '\udc00', '\udfff'] as const;

export type HostileRuleName = 'nul_character' | 'lone_surrogate';

export const ruleOf = (c: string): HostileRuleName => (c === '\u0000' ? 'nul_character' : 'lone_surrogate');

/**
 * Well-formed text (Vietnamese, emoji, anything) with one hostile character somewhere in it. Each side is
 * whole code points, so the character cannot pair with a neighbour into something valid.
 */
export const hostileText = fc.record({
  before: fc.string({ unit: 'grapheme', maxLength: 12 }),
  character: fc.constantFrom(...HOSTILE_CHARACTERS),
  after: fc.string({ unit: 'grapheme', maxLength: 12 }),
}).map(({ before, character, after }) => ({ text: `${before}${character}${after}`, rule: ruleOf(character) }));

/** JSON text of `depth` arrays (`[[1]]`) or objects (`{"a":{"a":1}}`), one inside the next, around 1. */
export function nestedJson(depth: number, shape: 'array' | 'object'): string {
  return shape === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/**
 * A deeply nested value to put in a body, kept as JSON text: `JSON.stringify` itself overflows the stack
 * on thousands of levels, which is the very failure the server must not have. See {@link jsonText}.
 */
export class DeepJson {
  readonly text: string;
  constructor(readonly depth: number, shape: 'array' | 'object') {
    this.text = nestedJson(depth, shape);
  }
}

/** Nesting deeper than the API takes: from just past its limit to thousands of levels. */
export const deepValue = fc.record({
  depth: fc.oneof(fc.integer({ min: 33, max: 100 }), fc.integer({ min: 1_000, max: 20_000 })),
  shape: fc.constantFrom('array' as const, 'object' as const),
}).map(({ depth, shape }) => new DeepJson(depth, shape));

/** JSON text of `body`, with every {@link DeepJson} in it written out in place. */
export function jsonText(body: unknown): string {
  const deep: string[] = [];
  // A mark no generated text can hold by chance, replaced once the rest is written.
  const mark = `deep-${randomUUID()}-`;
  const text = JSON.stringify(body, (_key, value) => {
    if (!(value instanceof DeepJson)) return value;
    deep.push(value.text);
    return `${mark}${deep.length - 1}`;
  });
  return text.replace(new RegExp(`"${mark}(\\d+)"`, 'g'), (_m, i) => deep[Number(i)]);
}

/** Sends `body` ({@link jsonText}) as `agent` would: its session cookie and CSRF token. */
export function sendJson(agent: Agent, method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${agent.baseUrl}${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(agent.cookie ? { Cookie: `sipas_session=${agent.cookie}` } : {}),
      ...(agent.csrfToken ? { 'X-CSRF-Token': agent.csrfToken } : {}),
    },
    body: jsonText(body),
  });
}

/**
 * Percent-encodes text as a browser would, except that a lone surrogate is written as the three bytes
 * UTF-8 would give it (`%ED%A0%80`), which is what an attacker must send to put one in a URL.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(c);
    }
  }
  return out;
}

/**
 * Everything the database holds, as one string per table (sessions aside: reading a page may touch
 * one's `last_seen_at`; and address_failures, where the per-address throttles count refused requests,
 * which is what they are for). Equal before and after means nothing was stored, changed or deleted.
 */
export async function databaseState(db: Kysely<Database>): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('sessions', 'address_failures') order by table_name`.execute(db);
  const state: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ digest: string | null; n: string }>`
      select md5(string_agg(t::text, '|' order by t::text)) as digest, count(*) as n from ${sql.table(name)} t`.execute(db);
    state[name] = `${rows[0].n}:${rows[0].digest ?? ''}`;
  }
  return state;
}

export interface Problem {
  status: number;
  type: string;
  errors?: Array<{ field: string; rule: string; message: string; messageEn?: string }>;
}

/** The problem+json answer of `res`, or an error saying what came instead. */
export async function problemOf(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${res.status} ${type}: ${text.slice(0, 200)}`);
  return { ...JSON.parse(text), status: res.status };
}
