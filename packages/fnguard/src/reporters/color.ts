import type { Severity } from '../findings/types.js';

/**
 * FORCE_COLOR wins over NO_COLOR and over the TTY check, as in Node itself;
 * FORCE_COLOR=0 or =false turns colour off. NO_COLOR counts only when non-empty (no-color.org).
 */
export function shouldColor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY === true;
}

export interface Palette {
  severity(severity: Severity, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const SGR: Record<Severity | 'bold' | 'dim', string> = {
  critical: '1;35',
  high: '31',
  medium: '33',
  low: '36',
  info: '2',
  bold: '1',
  dim: '2',
};

function paint(code: string, text: string): string {
  return `\u001b[${code}m${text}\u001b[0m`;
}

export function palette(enabled: boolean): Palette {
  if (!enabled) return { severity: (_s, text) => text, bold: (text) => text, dim: (text) => text };
  return {
    severity: (severity, text) => paint(SGR[severity], text),
    bold: (text) => paint(SGR.bold, text),
    dim: (text) => paint(SGR.dim, text),
  };
}
