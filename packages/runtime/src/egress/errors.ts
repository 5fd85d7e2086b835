export type EgressCategory = 'network' | 'process' | 'fs';

const CODES = { network: 'EGRESS_BLOCKED', process: 'PROCESS_BLOCKED', fs: 'FS_BLOCKED' } as const;

/** Thrown by a hooked API in block mode. `code` lets callers tell it apart from real I/O errors. */
export class EgressBlockedError extends Error {
  readonly code: (typeof CODES)[EgressCategory];
  constructor(readonly category: EgressCategory, readonly target: string, readonly via: string) {
    super(`${via}: ${category === 'network' ? 'connection to' : category === 'process' ? 'running' : 'writing to'} ${target} is blocked by the fnguard egress policy`);
    this.name = 'EgressBlockedError';
    this.code = CODES[category];
  }
}
