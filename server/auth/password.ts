import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { FieldIssue } from '../errors/app-error';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth.policy';
import { MIN_PASSWORD_SCORE, passwordStrength } from './password-strength';

/**
 * scrypt parameters for new hashes: N = 2^15, r = 8, p = 3 is one of OWASP's equivalent settings
 * (to N = 2^17, p = 1) and needs 32 MiB per hash instead of 128, so concurrent logins cannot
 * exhaust memory. Raising them later is safe: every hash carries its own, and a login with an
 * older hash rehashes it (see {@link needsRehash}).
 */
export const SCRYPT_PARAMS = { logN: 15, r: 8, p: 3 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

interface ScryptParams { logN: number; r: number; p: number }

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, params: ScryptParams, keyBytes: number): Promise<Buffer> {
  const N = 2 ** params.logN;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

/** A self-describing hash in PHC string form: `$scrypt$ln=15,r=8,p=3$<salt>$<key>` (unpadded base64). */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

function parse(hash: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const m = PHC.exec(hash);
  if (!m) return null;
  return {
    params: { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) },
    salt: Buffer.from(m[4], 'base64'),
    key: Buffer.from(m[5], 'base64'),
  };
}

/** Whether `password` matches `hash`, compared in constant time. A malformed hash matches nothing. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const stored = parse(hash);
  if (!stored || stored.key.length < 16) return false;
  const key = await derive(password, stored.salt, stored.params, stored.key.length);
  return timingSafeEqual(key, stored.key);
}

/** True when the hash was made with other parameters than today's: rehash it at the next login. */
export function needsRehash(hash: string): boolean {
  const stored = parse(hash);
  return !stored || stored.params.logN !== SCRYPT_PARAMS.logN || stored.params.r !== SCRYPT_PARAMS.r
    || stored.params.p !== SCRYPT_PARAMS.p;
}

let dummy: Promise<string> | undefined;

/**
 * A hash no password matches, verified against when the username is unknown so that an unknown
 * username costs as much time as a wrong password.
 */
export function unmatchableHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('hex'));
  return dummy;
}

/**
 * Problems with a new password, as field issues on `field`; empty when it is acceptable: 12–256
 * characters, not containing the username, and not guessable (a strength estimate, see password-strength.ts;
 * `context` holds what else an attacker knows of the account, such as the display name).
 */
export function passwordPolicyIssues(password: string, username: string, field = 'password', context: readonly string[] = []): FieldIssue[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return [{
      field, rule: 'password_too_short',
      message: `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự`,
      messageEn: `The password must have at least ${PASSWORD_MIN_LENGTH} characters`,
    }];
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return [{
      field, rule: 'password_too_long',
      message: `Mật khẩu không được dài quá ${PASSWORD_MAX_LENGTH} ký tự`,
      messageEn: `The password must have at most ${PASSWORD_MAX_LENGTH} characters`,
    }];
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return [{
      field, rule: 'password_contains_username',
      message: 'Mật khẩu không được chứa tên đăng nhập', messageEn: 'The password must not contain the username',
    }];
  }
  if (passwordStrength(password, [username, ...context]).score < MIN_PASSWORD_SCORE) {
    return [{
      field, rule: 'password_too_guessable',
      message: 'Mật khẩu quá dễ đoán (mật khẩu phổ biến, ký tự lặp lại, dãy số hoặc phím liền nhau, tên, từ thông dụng). '
        + 'Hãy dùng một câu dài gồm vài từ không liên quan đến nhau.',
      messageEn: 'The password is too easy to guess (a common password, repeated characters, a sequence or keyboard run, a name, '
        + 'a common word). Use a long phrase of several unrelated words.',
    }];
  }
  return [];
}
