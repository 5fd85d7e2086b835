import { createHash } from 'node:crypto';

export interface FingerprintInput {
  ruleId: string;
  app: string;
  function?: string;
  resource?: string;
  key?: string;
}

/**
 * The line number is left out on purpose: a finding must keep its identity when code
 * above it moves, so that baselines and SARIF result matching survive edits.
 */
export function fingerprint(input: FingerprintInput): string {
  const parts = [input.ruleId, input.app, input.function ?? '', input.resource ?? '', input.key ?? ''];
  // NUL cannot occur in ids or paths, so joined parts cannot collide by shifting text between fields
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
