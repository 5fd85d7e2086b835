/**
 * Sends a security event to the guard's logger when there is one. Protections can also run on
 * their own (plain Middy), so without a logger the event goes to the shared default logger:
 * the same redaction and line format as inside the guard, instead of disappearing.
 */
import { defaultSecurityLogger, loggerOption } from '../log/logger.js';
import type { GuardRequest, SecurityEvent, SecurityLogger } from './types.js';

export type EmitEvent = (event: SecurityEvent, request?: GuardRequest) => void;

export function createEmitter(option: SecurityLogger | undefined): EmitEvent {
  const logger = loggerOption(option);
  if (logger) return (event, request) => logger.event(event, request);
  return (event, request) => defaultSecurityLogger().event(event, request);
}
