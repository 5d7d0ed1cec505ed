import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findHostileJson, MAX_JSON_DEPTH, textRule } from '../../../server/http/hostile-input';
import { DeepJson, jsonText, nestedJson } from '../../support/hostile';

describe('text PostgreSQL would refuse or alter', () => {
  it.each([
    ['Cán bộ nhiệt tình 👍', null],
    ['', null],
    ['a\u0000b', 'nul_character'],
    ['\u0000', 'nul_character'],
    ['a\ud800b', 'lone_surrogate'],
    ['a\udc00', 'lone_surrogate'],
    ['\udfff\ud83d', 'lone_surrogate'],
    ['😀', null],
    ['\ud83d\ude00\ude00', 'lone_surrogate'],
  ])('when the text is %j, then its rule is %s', (text, rule) => {
    expect(textRule(text)).toBe(rule);
  });
});

describe('finding hostile input in a parsed JSON body', () => {
  it('when the body is an ordinary response, then nothing is found', () => {
    expect(findHostileJson({ id: 'x', answers: { comment: 'Tốt', policy_interest: { health: 'high' }, channels: ['tv'] } }, '')).toBeNull();
  });

  it('when a NUL hides in a nested answer, then the field is named from the root given', () => {
    const body = { answers: { policy_interest: { health: 'a\u0000' } } };
    expect(findHostileJson(body, '')).toMatchObject({ field: 'answers.policy_interest.health', rule: 'nul_character' });
    expect(findHostileJson(body, 'body')).toMatchObject({ field: 'body.answers.policy_interest.health', rule: 'nul_character' });
  });

  it('when an array holds a lone surrogate, then its index is part of the field', () => {
    expect(findHostileJson({ channels: ['tv', 'x\ud800'] }, 'body')).toMatchObject({ field: 'body.channels.1', rule: 'lone_surrogate' });
  });

  it('when a key itself is hostile, then the field shows it with the character escaped, in both languages', () => {
    const issue = findHostileJson({ answers: { 'q\u0000': 1 } }, '');
    expect(issue).toEqual({ field: 'answers.q\\u0000', rule: 'nul_character', message: expect.stringContaining('NUL'), messageEn: expect.stringContaining('NUL') });
  });

  it('when the body itself is a hostile string, then the field is body', () => {
    expect(findHostileJson('\ud800', '')).toMatchObject({ field: 'body', rule: 'lone_surrogate' });
  });

  it(`when nesting reaches ${MAX_JSON_DEPTH} levels it is accepted, one more and it is refused, and 100,000 levels are refused without overflowing`, () => {
    expect(findHostileJson(JSON.parse(nestedJson(MAX_JSON_DEPTH, 'array')), 'body')).toBeNull();
    expect(findHostileJson(JSON.parse(nestedJson(MAX_JSON_DEPTH + 1, 'object')), 'body')).toMatchObject({
      field: `body${'.a'.repeat(MAX_JSON_DEPTH)}`, rule: 'too_deep',
    });
    const deep = JSON.parse(nestedJson(100_000, 'array'));
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(findHostileJson(deep, 'body')).toMatchObject({ rule: 'too_deep' });
  });

  it('when a body is written with a deep value in it, then its JSON text holds that nesting in place', () => {
    expect(JSON.parse(jsonText({ a: 1, b: new DeepJson(3, 'array'), c: ['\u0001deep0\u0001'] }))).toEqual({ a: 1, b: [[[1]]], c: ['\u0001deep0\u0001'] });
  });
});

describe('where JSON bodies are parsed', () => {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));

  it('when any server module reads a JSON body, then it does so through jsonBody, so no route skips the check', () => {
    const server = path.join(__dirname, '../../../server');
    const direct = files(server).filter((f) => f.endsWith('.ts') && !f.endsWith('json-body.ts'))
      .filter((f) => /express\.json\(|bodyParser\.json\(/.test(readFileSync(f, 'utf8')));
    expect(direct).toEqual([]);
  });
});
