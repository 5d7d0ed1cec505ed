import { hash } from 'node:crypto';

/** Property names that JavaScript orders first, ascending by value, in every object (array indices). */
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;
const isIndexKey = (k: string) => {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57 && INDEX_KEY.test(k) && Number(k) <= 4294967294;
};
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Object keys in canonical order: code-unit order, except that index-like keys ("0", "12") come first in
 * numeric order. That is the order `JSON.stringify(Object.fromEntries(sortedEntries))` produced when
 * stored fingerprints and content hashes were first computed, so it must not change.
 */
function canonicalKeys(object: object): string[] {
  const keys = Object.keys(object).sort(byCodeUnits);
  if (!keys.some(isIndexKey)) return keys;
  const indices = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((k) => !isIndexKey(k))];
}

/** Quoted property names: questionnaires repeat the same few hundred names in every response. */
const quotedKeys = new Map<string, string>();
function quoted(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, q);
  }
  return q;
}

function write(value: unknown, key: string): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  switch (typeof value) {
    case 'string': return JSON.stringify(value);
    case 'number': return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean': return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (write(value[i], String(i)) ?? 'null');
        return `${out}]`;
      }
      // Boxed primitives serialise as their value, as JSON.stringify does.
      if (value instanceof Number || value instanceof String || value instanceof Boolean) return JSON.stringify(value);
      let out = '{';
      let first = true;
      for (const k of canonicalKeys(value)) {
        const member = write((value as Record<string, unknown>)[k], k);
        if (member === undefined) continue;
        out += `${first ? '' : ','}${quoted(k)}:${member}`;
        first = false;
      }
      return `${out}}`;
    }
    case 'bigint': throw new TypeError('Do not know how to serialize a BigInt');
    default: return undefined; // undefined, functions and symbols are left out, as JSON.stringify does
  }
}

/**
 * JSON with object keys sorted at every level, so equal content gives equal text. Written out by hand
 * (it hashes every response on ingestion): the output is byte for byte what JSON.stringify with a
 * key-sorting replacer gives, which tests/unit/surveys/canonical-json.test.ts checks on random values.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '') as string;
}

export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

export function questionnaireFingerprint(definition: unknown): string {
  return sha256(canonicalJson(definition));
}
