import fc from 'fast-check';
import { canonicalJson } from '../../../server/surveys/fingerprint';

/** The definition stored fingerprints and content hashes were computed with: the fast one must match it. */
function reference(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v);
}

const awkwardKey = fc.oneof(
  fc.string(),
  fc.constantFrom('0', '1', '2', '9', '10', '01', '-1', '1.5', '4294967294', '4294967295', '99999999999', '', '__proto__x', 'é', 'Z', 'a'),
  fc.nat().map(String),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), tie('object'), tie('array'),
    fc.constantFrom(undefined, Number.NaN, Infinity, -0, 1e21, 5e-7, new Date(0))),
  object: fc.dictionary(awkwardKey, tie('any'), { maxKeys: 8 }),
  array: fc.array(tie('any'), { maxLength: 5 }),
})).any;

describe('canonicalJson', () => {
  it('gives exactly the text of the sorting-replacer definition for random values (keys like "10" and "9" included)', () => {
    fc.assert(fc.property(value, (v) => { expect(canonicalJson(v)).toBe(reference(v)); }), { numRuns: 3000 });
  });

  it('sorts keys at every level and leaves array order alone', () => {
    expect(canonicalJson({ b: [3, { d: 1, c: 2 }], a: null, 10: 'x', 9: 'y' })).toBe('{"9":"y","10":"x","a":null,"b":[3,{"c":2,"d":1}]}');
  });

  it('keeps the questionnaire fingerprints that are already stored', async () => {
    const { readFileSync } = await import('node:fs');
    const definition = JSON.parse(readFileSync(require.resolve('../../../surveys/sipas-2023.json'), 'utf8'));
    expect(canonicalJson(definition)).toBe(reference(definition));
  });
});
