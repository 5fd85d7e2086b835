import { readFileSync } from 'node:fs';

export const TOOL_NAME = 'fnguard';

let cachedVersion: string | undefined;

/** Read from package.json so that a release bump cannot forget the CLI; src/ and dist/ sit at the same depth. */
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    cachedVersion = typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  }
  return cachedVersion;
}
