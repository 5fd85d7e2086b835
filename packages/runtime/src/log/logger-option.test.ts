import { describe, expect, it } from 'vitest';
import { createAuthorizer } from '../auth/authorizer.js';
import { jwtAuth } from '../auth/middleware.js';
import { createEmitter } from '../core/security-event.js';
import type { SecurityLogger } from '../core/types.js';
import { egressGuard } from '../egress/middleware.js';
import { isEgressGuardInstalled } from '../egress/install.js';
import { safeErrors } from '../errors/safe-errors.js';
import { inspection } from '../inspect/middleware.js';
import { rateLimit } from '../ratelimit/middleware.js';
import { secrets } from '../secrets/middleware.js';
import { validate } from '../validate/validate.js';
import { createSecurityLogger, loggerOption } from './logger.js';
import { securityLog } from './middleware.js';

// what a JavaScript user may pass by mistake: console, a pino-like object, a function
const NOT_LOGGERS: unknown[] = [{ log() {} }, { event: 'yes', log() {} }, () => undefined, 'stdout', 0];
const MESSAGE = /logger option must have event\(\) and log\(\) methods/;

const factories: Record<string, (logger: unknown) => unknown> = {
  createEmitter: (logger) => createEmitter(logger as SecurityLogger),
  securityLog: (logger) => securityLog({ logger: logger as SecurityLogger }),
  safeErrors: (logger) => safeErrors({ logger: logger as SecurityLogger }),
  validate: (logger) => {
    const middleware = validate({ logger: logger as SecurityLogger });
    middleware.ready.catch(() => undefined);
    return middleware;
  },
  inspection: (logger) => inspection({ logger: logger as SecurityLogger }),
  rateLimit: (logger) => rateLimit({ key: 'sourceIp', limit: 10, windowS: 60, logger: logger as SecurityLogger }),
  jwtAuth: (logger) => jwtAuth({ jwksUri: 'https://auth.example.com/.well-known/jwks.json', issuer: 'https://auth.example.com/', audience: 'orders', algorithms: ['RS256'], logger: logger as SecurityLogger }),
  createAuthorizer: (logger) => createAuthorizer({ jwksUri: 'https://auth.example.com/.well-known/jwks.json', issuer: 'https://auth.example.com/', audience: 'orders', algorithms: ['RS256'], logger: logger as SecurityLogger }),
  secrets: (logger) => secrets({ db: { secretsManager: 'prod/db' }, logger: logger as SecurityLogger }),
};

describe('the logger option of every protection', () => {
  for (const [name, build] of Object.entries(factories)) {
    it(`${name}: refuses what is not a security logger when it is built`, () => {
      for (const notLogger of NOT_LOGGERS) expect(() => build(notLogger), String(notLogger)).toThrow(MESSAGE);
    });
    it(`${name}: accepts a security logger or none (undefined or null)`, () => {
      expect(() => build(createSecurityLogger({ destination: { write() {} } }))).not.toThrow();
      expect(() => build(undefined)).not.toThrow();
      expect(() => build(null)).not.toThrow();
    });
  }

  it('egressGuard: refuses a bad logger before it patches anything', () => {
    expect(() => egressGuard({ allow: ['api.example.com'], logger: { log() {} } as unknown as SecurityLogger })).toThrow(MESSAGE);
    expect(isEgressGuardInstalled()).toBe(false);
  });

  it('loggerOption returns the logger it was given, or undefined', () => {
    const logger: SecurityLogger = { event() {}, log() {} };
    expect(loggerOption(logger)).toBe(logger);
    expect(loggerOption(undefined)).toBeUndefined();
    expect(loggerOption(null)).toBeUndefined();
  });
});
