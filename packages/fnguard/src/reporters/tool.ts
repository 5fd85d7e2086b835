import { readPackageFile } from '../package-files.js';

export const TOOL_NAME = 'fnguard';

let cachedVersion: string | undefined;

/** Read from package.json so that a release bump cannot forget the CLI. */
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    const manifest = JSON.parse(readPackageFile('package.json')) as { version?: unknown };
    cachedVersion = typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  }
  return cachedVersion;
}
