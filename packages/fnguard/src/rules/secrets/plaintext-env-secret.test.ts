import { describe, expect, it } from 'vitest';
import { buildApp, buildEnv, buildFunction, buildTrigger, loc } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import type { EnvironmentVariable } from '../../model/types.js';
import plaintextEnvSecret, { maskSecret } from './plaintext-env-secret.js';

const appWith = (...environment: EnvironmentVariable[]) => buildApp({ functions: [buildFunction('Fn', { name: 'fn', environment })] });
const SECRET = 'sk_live_51HaQ2xKj8fP0abcdefghijkl';

testRule(plaintextEnvSecret, {
  valid: [
    { name: 'ordinary value', app: appWith(buildEnv('TABLE_NAME', { value: 'orders' })) },
    { name: 'secret-looking name resolved from Secrets Manager', app: appWith(buildEnv('DB_PASSWORD', { value: '{{resolve:secretsmanager:db}}', secretLike: true, reference: 'secretsmanager' })) },
    { name: 'secret-looking name from an SSM reference', app: appWith(buildEnv('API_TOKEN', { value: '${ssm:/app/token}', secretLike: true, reference: 'ssm' })) },
    { name: 'secret-looking but empty', app: appWith(buildEnv('API_KEY', { value: '', secretLike: true })) },
  ],
  invalid: [
    {
      name: 'plaintext API key',
      app: appWith(buildEnv('STRIPE_KEY', { value: SECRET, secretLike: true, secretReason: 'Stripe live key', location: loc(18) })),
      hits: [{ severity: 'medium', function: 'Fn', line: 18, message: ['fn', 'STRIPE_KEY', 'Stripe live key', 'one level lower'], evidence: ['STRIPE_KEY=sk_l****', `(${SECRET.length} chars)`], evidenceExcludes: [SECRET, SECRET.slice(4, 12)] }],
    },
    {
      name: 'the same secret in a function anyone on the internet can call is high',
      app: buildApp({
        functions: [buildFunction('Fn', {
          name: 'fn',
          environment: [buildEnv('STRIPE_KEY', { value: SECRET, secretLike: true })],
          triggers: [buildTrigger('http-rest', { method: 'POST', path: '/pay', public: true, publicReason: 'route without authorizer' })],
        })],
      }),
      hits: [{ severity: 'high', message: ['reachable from the internet through REST API route POST /pay'] }],
    },
    {
      name: 'an SQS consumer ranks below the public function',
      app: buildApp({ functions: [buildFunction('Fn', { environment: [buildEnv('STRIPE_KEY', { value: SECRET, secretLike: true })], triggers: [buildTrigger('sqs', { invocation: 'poll' })] })] }),
      hits: [{ severity: 'medium' }],
    },
    {
      name: 'two secrets in one function',
      app: appWith(buildEnv('A_PASSWORD', { value: 'hunter2hunter2', secretLike: true }), buildEnv('PLAIN', { value: 'x' }), buildEnv('B_TOKEN', { value: 'tok-123456789', secretLike: true })),
      hits: [{ severity: 'medium', message: ['A_PASSWORD'] }, { severity: 'medium', message: ['B_TOKEN'] }],
    },
  ],
});

describe('maskSecret', () => {
  it('shows 4 characters and the length of long values', () => {
    expect(maskSecret('abcdefghijklmnopqrstuvwxyz')).toBe('abcd**** (26 chars)');
  });
  it('reveals proportionally less of short values', () => {
    expect(maskSecret('hunter2')).toBe('h**** (7 chars)');
    expect(maskSecret('abc')).toBe('**** (3 chars)');
  });
});
