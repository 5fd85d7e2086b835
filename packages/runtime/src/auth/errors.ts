import type { AuthFailureReason } from './verify.js';

/** Raised for non-HTTP events (no status code to answer with) and by the authorizer's callers. */
export class AuthError extends Error {
  readonly code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'AUTH_UNAVAILABLE';
  constructor(readonly status: 401 | 403 | 503, readonly reason: AuthFailureReason) {
    super(status === 403 ? 'Forbidden' : status === 503 ? 'Authentication unavailable' : 'Unauthorized');
    this.name = 'AuthError';
    this.code = status === 403 ? 'FORBIDDEN' : status === 503 ? 'AUTH_UNAVAILABLE' : 'UNAUTHORIZED';
  }
}
