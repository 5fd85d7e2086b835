import { functionPublicEntry } from '../iam/role-exposure.js';
import { rule } from '../rule.js';

/**
 * Short values would be largely revealed by a fixed 4-character prefix, so the prefix
 * shrinks to a quarter of the value; the length is always shown to help find it.
 */
export function maskSecret(value: string): string {
  const shown = Math.min(4, Math.floor(value.length / 4));
  return `${value.slice(0, shown)}${'*'.repeat(4)} (${value.length} chars)`;
}

export default rule({
  id: 'FG-SECRETS-001',
  title: 'Plaintext secret in function environment',
  description:
    'An environment variable of a function holds what looks like a secret (a password, token, private key or access key) written in the template. ' +
    'Templates end up in source control, CI logs and the Lambda console, and anyone with lambda:GetFunctionConfiguration can read environment values. ' +
    'Severity is high when anyone on the internet can trigger the function without credentials (one injection or path traversal in its code reads process.env), ' +
    'medium for functions only AWS services or authenticated callers can trigger.',
  severity: 'high',
  sas: 'SAS-7',
  cwe: 'CWE-798',
  precision: 'medium',
  profile: 'recommended',
  peers: { checkov: ['CKV_AWS_45'] },
  remediation:
    'Store the value in AWS Secrets Manager or SSM Parameter Store (SecureString) and read it at runtime with a cached client (for example the Parameters and Secrets Lambda extension), ' +
    'passing only the secret\'s name or ARN in the environment. Rotate the exposed value: it is already in your history.',
  fix: {
    sam: [
      'MyFunction:',
      '  Type: AWS::Serverless::Function',
      '  Properties:',
      '    Environment:',
      '      Variables:',
      '        DB_PASSWORD_SECRET_ARN: !Ref DbPasswordSecret',
      '    Policies:',
      '      - AWSSecretsManagerGetSecretValuePolicy:',
      '          SecretArn: !Ref DbPasswordSecret',
    ].join('\n'),
    serverless: [
      'functions:',
      '  myFunction:',
      '    environment:',
      '      DB_PASSWORD_PARAM: /my-service/${sls:stage}/db-password',
      '# read it at runtime with the SSM client (WithDecryption: true) and cache it',
    ].join('\n'),
  },
  check: (app) =>
    app.functions.flatMap((fn) => {
      const exposure = functionPublicEntry(fn);
      return fn.environment
        .filter((variable) => variable.secretLike && variable.reference === undefined && variable.value !== undefined && variable.value !== '')
        .map((variable) => ({
          message: `Function ${fn.name} sets ${variable.name} to a plaintext value that looks like a secret${variable.secretReason ? ` (${variable.secretReason})` : ''}.` +
            (exposure
              ? ` The function is reachable from the internet through ${exposure.through}: code injected there reads the secret from its environment.`
              : ' No one can trigger the function from the internet without credentials, so severity is one level lower.'),
          location: variable.location,
          function: fn.id,
          severity: exposure ? ('high' as const) : ('medium' as const),
          evidence: `${variable.name}=${maskSecret(variable.value ?? '')}`,
          key: `env:${variable.name}`,
        }));
    }),
});
