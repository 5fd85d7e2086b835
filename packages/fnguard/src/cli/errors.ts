/** A mistake in how fnguard was called or what it was pointed at: one line on stderr, exit code 2, no stack. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}
