/** Keys and tokens for auth tests, generated with jose at test time (nothing checked in). */
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export interface TestKey { kid: string; alg: string; privateKey: CryptoKey; publicJwk: JWK; publicKey: CryptoKey }

export async function makeKey(kid: string, alg = 'RS256'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk, publicKey };
}

export const ISSUER = 'https://idp.example.test/';
export const AUDIENCE = 'api://orders';

export async function sign(key: TestKey | { privateKey: CryptoKey | Uint8Array; alg: string; kid?: string }, claims: JWTPayload = {}, opts: { expiresIn?: string | number; header?: Record<string, unknown>; omit?: Array<'iss' | 'aud' | 'exp'> } = {}): Promise<string> {
  let jwt = new SignJWT({ sub: 'user-1', ...claims }).setProtectedHeader({ alg: key.alg, ...('kid' in key && key.kid ? { kid: key.kid } : {}), ...opts.header }).setIssuedAt();
  if (!opts.omit?.includes('iss') && claims.iss === undefined) jwt = jwt.setIssuer(ISSUER);
  if (!opts.omit?.includes('aud') && claims.aud === undefined) jwt = jwt.setAudience(AUDIENCE);
  if (!opts.omit?.includes('exp') && claims.exp === undefined) jwt = jwt.setExpirationTime(opts.expiresIn ?? '5m');
  return jwt.sign(key.privateKey);
}

export function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}
