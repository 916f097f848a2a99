import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * scrypt parameters. `log2N` 14 with r=8 costs 16 MiB and some tens of milliseconds per hash:
 * too slow to brute-force a leaked table, and the reason verifications are cached.
 */
export interface ScryptParams {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
  readonly saltBytes: number;
  readonly keyBytes: number;
}

export const DEFAULT_SCRYPT_PARAMS: ScryptParams = Object.freeze({ log2N: 14, r: 8, p: 1, saltBytes: 16, keyBytes: 32 });

/** Bounds on what a stored hash may ask for, so a corrupt row cannot exhaust memory. */
const LIMITS = { log2N: [10, 20], r: [1, 32], p: [1, 16], saltBytes: [8, 64], keyBytes: [16, 64] } as const;

/**
 * Hashes a secret with a fresh random salt. The result is a PHC string that carries its own
 * parameters (`$scrypt$ln=14,r=8,p=1$<salt>$<hash>`), so stronger ones can be used later without
 * invalidating existing keys.
 */
export async function hashSecret(secret: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(params.saltBytes);
  const hash = await derive(secret, salt, params);
  return `$scrypt$ln=${params.log2N},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null) return false;
  const candidate = await derive(secret, parsed.salt, parsed.params);
  return candidate.length === parsed.hash.length && timingSafeEqual(candidate, parsed.hash);
}

export function parseHash(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  const match = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  if (match === null) return null;
  const [, ln, r, p, salt, hash] = match as unknown as [string, string, string, string, string, string];
  const saltBuffer = Buffer.from(salt, 'base64');
  const hashBuffer = Buffer.from(hash, 'base64');
  const params: ScryptParams = {
    log2N: Number(ln),
    r: Number(r),
    p: Number(p),
    saltBytes: saltBuffer.length,
    keyBytes: hashBuffer.length,
  };
  const within = (Object.keys(LIMITS) as (keyof ScryptParams)[]).every(
    (name) => params[name] >= LIMITS[name][0] && params[name] <= LIMITS[name][1],
  );
  return within ? { params, salt: saltBuffer, hash: hashBuffer } : null;
}

function derive(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.log2N;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, params.keyBytes, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

const b64 = (buffer: Buffer): string => buffer.toString('base64').replace(/=+$/, '');
