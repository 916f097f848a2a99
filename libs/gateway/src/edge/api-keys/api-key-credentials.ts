import { randomBytes } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Alpaca's spelling: 20 upper-case letters and digits, live keys starting `AK`, paper keys `PK`. */
export const KEY_ID_PATTERN = /^[A-Z0-9]{20}$/;
export const KEY_ID_PREFIX = 'PK';
/** 40 letters and digits, as Alpaca's secrets: about 238 bits from the system CSPRNG. */
export const SECRET_KEY_LENGTH = 40;
/** Longer secrets are refused before hashing, so no one can make us scrypt a megabyte. */
export const MAX_SECRET_KEY_LENGTH = 256;

export function generateKeyId(): string {
  return KEY_ID_PREFIX + randomString(UPPER_ALNUM, 20 - KEY_ID_PREFIX.length);
}

export function generateSecretKey(): string {
  return randomString(ALNUM, SECRET_KEY_LENGTH);
}

export function isKeyId(value: string): boolean {
  return KEY_ID_PATTERN.test(value);
}

/** Uniform over the alphabet: bytes past the last whole multiple of its size are drawn again. */
function randomString(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}
