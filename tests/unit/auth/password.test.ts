import { hashPassword, needsRehash, passwordPolicyIssues, verifyPassword } from '../../../server/auth/password';

describe('password hashing', () => {
  let hash: string;
  beforeAll(async () => {
    hash = await hashPassword('mật khẩu đúng 2026');
  });

  test('a hash names scrypt and its parameters, with its own salt, and is never the password', async () => {
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(hash).not.toContain('mật khẩu');
    const again = await hashPassword('mật khẩu đúng 2026');
    expect(again).not.toBe(hash);
    expect(again.split('$')[3]).not.toBe(hash.split('$')[3]);
  });

  test('the right password matches; a wrong one, a near miss and an empty one do not', async () => {
    expect(await verifyPassword('mật khẩu đúng 2026', hash)).toBe(true);
    expect(await verifyPassword('mật khẩu đúng 2025', hash)).toBe(false);
    expect(await verifyPassword('mật khẩu đúng 2026 ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  test('the same text typed in composed or decomposed Unicode matches', async () => {
    const composed = 'Hà Nội mùa thu'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  test('a malformed or plain-text hash matches nothing', async () => {
    for (const bad of ['', 'mật khẩu đúng 2026', '$scrypt$ln=15,r=8,p=3$AAAA', '$bcrypt$whatever']) {
      expect(await verifyPassword('mật khẩu đúng 2026', bad)).toBe(false);
    }
  });

  test('a hash made with older parameters still verifies, and is flagged for rehashing', async () => {
    const old = await hashPassword('mật khẩu cũ 2020', { logN: 14, r: 8, p: 1 });
    expect(old).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$/);
    expect(await verifyPassword('mật khẩu cũ 2020', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(hash)).toBe(false);
  });
});

describe('password policy', () => {
  test.each([
    ['eleven chars', 'abcdefghijk', 'password_too_short'],
    ['eleven Vietnamese characters', 'Đường phố 1', 'password_too_short'],
    ['257 characters', 'x'.repeat(257), 'password_too_long'],
    ['the username inside', 'xx-nguyenvana-2026', 'password_contains_username'],
  ])('a password of %s is refused (%s)', (_name, password, rule) => {
    expect(passwordPolicyIssues(password, 'NguyenVanA')).toEqual([expect.objectContaining({ field: 'password', rule })]);
  });

  test('twelve characters, counted as people count them, are enough', () => {
    expect(passwordPolicyIssues('Đường phố 12', 'admin')).toEqual([]);
    expect(passwordPolicyIssues('abcdefghijkl', 'admin')).toEqual([]);
  });
});
