/**
 * Sends a security event to the guard's logger when there is one. Protections can also run on
 * their own (plain Middy), so without a logger the event still leaves one JSON line on stderr
 * rather than disappearing. Shared by secrets, auth, rate limit and egress until the logger
 * module offers the same fallback; it belongs in src/core once that exists.
 */
import type { GuardRequest, SecurityEvent, SecurityLogger } from '../core/types.js';

export type EmitEvent = (event: SecurityEvent, request?: GuardRequest) => void;

export function createEmitter(logger: SecurityLogger | undefined): EmitEvent {
  if (logger) return (event, request) => logger.event(event, request);
  return (event) => {
    const line = { level: event.level ?? 'warn', time: new Date().toISOString(), ...event };
    try {
      console.warn(JSON.stringify(line));
    } catch {
      // A field that cannot be serialised (cycle, BigInt) must not turn a log call into a crash.
      console.warn(JSON.stringify({ level: line.level, type: event.type, message: 'unserialisable security event' }));
    }
  };
}
