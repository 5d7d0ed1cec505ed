import { CODE_ALPHABET, CODE_LENGTH, hashInvitationCode, newInvitationCode, normalizeInvitationCode } from '../../../server/invitations/invitation-code';

describe('invitation codes', () => {
  it('when codes are made, then they carry at least 60 random bits in symbols that cannot be mistaken for each other', () => {
    expect(CODE_LENGTH * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(60);
    for (const ambiguous of ['0', 'O', '1', 'I', 'L']) expect(CODE_ALPHABET).not.toContain(ambiguous);
    const codes = Array.from({ length: 2000 }, newInvitationCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    const seen = new Set(codes.join('').replace(/-/g, ''));
    expect(seen.size).toBe(CODE_ALPHABET.length);
  });

  it('when a respondent types a code in lower case with spaces, then it is the same code', () => {
    const code = newInvitationCode();
    const typed = code.toLowerCase().replace(/-/g, ' ');
    expect(normalizeInvitationCode(typed)).toBe(code.replace(/-/g, ''));
    expect(hashInvitationCode(normalizeInvitationCode(typed)!)).toBe(hashInvitationCode(normalizeInvitationCode(code)!));
  });

  it('when a text cannot be a code, then it is not one', () => {
    expect(normalizeInvitationCode('ABC')).toBeNull();
    expect(normalizeInvitationCode('OOOOO-IIIII-11111')).toBeNull();
  });
});
