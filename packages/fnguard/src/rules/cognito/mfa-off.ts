import { asString } from '../../model/values.js';
import { rule } from '../rule.js';
import { property, resourcesOfType } from '../support/model-queries.js';

export default rule({
  id: 'FG-COGNITO-002',
  title: 'Cognito user pool without multi-factor authentication',
  description:
    'A Cognito user pool has MfaConfiguration OFF (the default) or OPTIONAL. A stolen or guessed password is then enough to sign in as the user and call every API the pool authorizes. ' +
    'OPTIONAL is reported at low severity: it protects only the users who opt in.',
  severity: 'medium',
  sas: 'SAS-2',
  cwe: 'CWE-308',
  profile: 'recommended',
  peers: { cdkNag: ['AwsSolutions-COG2'] },
  remediation: 'Set MfaConfiguration to ON with software tokens (TOTP) or, for consumer apps where that is too strict, OPTIONAL with adaptive authentication (advanced security) enforcing MFA on risky sign-ins.',
  fix: {
    sam: [
      'UserPool:',
      '  Type: AWS::Cognito::UserPool',
      '  Properties:',
      '    MfaConfiguration: "ON"',
      '    EnabledMfas:',
      '      - SOFTWARE_TOKEN_MFA',
    ].join('\n'),
    serverless: [
      'resources:',
      '  Resources:',
      '    UserPool:',
      '      Type: AWS::Cognito::UserPool',
      '      Properties:',
      '        MfaConfiguration: "ON"',
      '        EnabledMfas:',
      '          - SOFTWARE_TOKEN_MFA',
    ].join('\n'),
  },
  check: (app) =>
    resourcesOfType(app, 'AWS::Cognito::UserPool').flatMap((pool) => {
      const raw = property(pool.properties, 'MfaConfiguration');
      // YAML 1.1 readers turn an unquoted ON into true; CloudFormation means the string.
      const mode = raw === true ? 'ON' : raw === false ? 'OFF' : (asString(raw) ?? 'OFF').toUpperCase();
      if (mode === 'ON') return [];
      return [{
        message: mode === 'OPTIONAL'
          ? `User pool ${pool.id} makes MFA optional: users who do not enrol sign in with a password alone.`
          : `User pool ${pool.id} has MFA turned off${raw === undefined ? ' (the default)' : ''}: a password alone signs a user in.`,
        location: pool.location,
        resource: pool.id,
        severity: mode === 'OPTIONAL' ? 'low' : 'medium',
        evidence: `MfaConfiguration: ${raw === undefined ? '(not set)' : String(raw)}`,
        key: 'mfa',
      }];
    }),
});
