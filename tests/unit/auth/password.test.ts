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
    ['one letter repeated', 'aaaaaaaaaaaa', 'password_too_guessable'],
    ['a common password with digits', 'password1234', 'password_too_guessable'],
    ['a run of digits', '123456789012', 'password_too_guessable'],
    ['a letter run', 'abcdefghijkl', 'password_too_guessable'],
    ['a keyboard run', 'qwertyuiop12', 'password_too_guessable'],
    ['Vietnamese "password" and digits', 'matkhau12345', 'password_too_guessable'],
    ['Vietnamese "password" with diacritics', 'Mật khẩu 2024', 'password_too_guessable'],
    ['the country and digits', 'vietnam123456', 'password_too_guessable'],
    ['the capital twice', 'hanoihanoi2024', 'password_too_guessable'],
    ['"I love you" in Vietnamese', 'anhyeuem1234', 'password_too_guessable'],
  ])('a password of %s is refused (%s)', (_name, password, rule) => {
    expect(passwordPolicyIssues(password, 'NguyenVanA')).toEqual([expect.objectContaining({ field: 'password', rule })]);
  });

  test('twelve characters, counted as people count them, are enough when they are not guessable', () => {
    expect(passwordPolicyIssues('mưa qua đèo 7', 'admin')).toEqual([]);
    expect(passwordPolicyIssues('k7M!x2pQ9zLw', 'admin')).toEqual([]);
  });

  test('the names the account is known by count as guessable', () => {
    expect(passwordPolicyIssues('Quàng Thị Xuyến 1961', 'xuyen', 'password', ['Quàng Thị Xuyến 1961'])).toEqual([expect.objectContaining({ rule: 'password_too_guessable' })]);
    expect(passwordPolicyIssues('Quàng Thị Xuyến 1961', 'xuyen', 'password', [])).toEqual([]);
  });
});
