import { describe, expect, it } from 'vitest';
import { classifyEnvironmentValue } from './secrets.js';

describe('classifyEnvironmentValue', () => {
  it.each([
    ['AWS_ACCESS_KEY', 'AKIAIOSFODNN7EXAMPLE', 'AWS access key'],
    ['ANYTHING', '-----BEGIN RSA PRIVATE KEY-----\nMIIB', 'PEM private key'],
    ['GH', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'GitHub token'],
    ['STRIPE', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'Stripe'],
    ['DATABASE_URL', 'postgres://app:s3cr3tPass@db.internal:5432/orders', 'connection string'],
    ['DB_PASSWORD', 'correct-horse-battery', 'named like a secret'],
    ['JWT_SECRET', 'mysupersecretjwtsigningkey', 'named like a secret'],
  ])('flags %s as a plaintext secret', (name, value, reason) => {
    const result = classifyEnvironmentValue(name, value);
    expect(result.secretLike).toBe(true);
    expect(result.secretReason).toContain(reason);
  });

  it.each([
    ['DB_PASSWORD', '{{resolve:secretsmanager:prod/db:SecretString:password}}', 'secretsmanager'],
    ['API_KEY', '{{resolve:ssm-secure:/app/key:1}}', 'ssm-secure'],
    ['API_KEY', '${ssm:/app/key}', 'ssm'],
    ['TABLE', '${OrdersTable}', 'resource'],
    ['QUEUE_URL', '${Queue.QueueUrl}', 'resource'],
    ['TOKEN', '${cf:other-stack.Token}', 'other'],
  ])('recognises %s=%s as a reference (%s)', (name, value, reference) => {
    expect(classifyEnvironmentValue(name, value)).toEqual({ secretLike: false, reference });
  });

  it('treats a Ref to a parameter as a reference', () => {
    expect(classifyEnvironmentValue('DB_PASSWORD', 'hunter2hunter2', { parameterRef: true })).toEqual({ secretLike: false, reference: 'parameter' });
  });

  it.each([
    ['SECRET_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db'],
    ['SECRET_NAME', 'prod/db/password'],
    ['TOKEN_TTL', '3600'],
    ['API_KEY_HEADER', 'x-api-key'],
    ['PASSWORD_MIN_LENGTH', '12'],
    ['AUTH_ENABLED', 'true'],
    ['TABLE_NAME', 'orders'],
    ['LOG_LEVEL', 'debug'],
    ['TOKEN_ENDPOINT', 'https://auth.example.com/oauth2/token'],
    ['PASSWORD', 'short'],
  ])('does not flag %s=%s', (name, value) => {
    expect(classifyEnvironmentValue(name, value).secretLike).toBe(false);
  });

  it('handles an absent value', () => {
    expect(classifyEnvironmentValue('X', undefined)).toEqual({ secretLike: false });
  });
});
