import { buildApp, buildResource, loc } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import parameterDefaultSecret from './parameter-default-secret.js';
import secretWithoutRotation from './secret-without-rotation.js';

const parameter = (name: string, value: unknown, noEcho = false) => buildApp({ parameters: [{ name, default: value, noEcho, type: 'String', location: loc(5) }] });

testRule(parameterDefaultSecret, {
  valid: [
    { name: 'secret parameter without a default', app: buildApp({ parameters: [{ name: 'DbPassword', noEcho: true, location: loc(5) }] }) },
    { name: 'ordinary parameter with a default', app: parameter('Stage', 'prod') },
    { name: 'secret-named parameter holding an ARN', app: parameter('DbSecretArn', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db') },
    { name: 'empty default', app: parameter('ApiToken', '') },
  ],
  invalid: [
    { name: 'password default without NoEcho', app: parameter('DbPassword', 'hunter2hunter2'), hits: [{ severity: 'high', line: 5, message: ['DbPassword', 'no NoEcho'], evidence: ['hunt'], evidenceExcludes: ['hunter2hunter2'] }] },
    { name: 'password default with NoEcho', app: parameter('DbPassword', 'hunter2hunter2', true), hits: [{ severity: 'medium', message: ['stays in the template'] }] },
    { name: 'access key in a neutral name', app: parameter('Upstream', 'AKIAIOSFODNN7EXAMPLE'), hits: [{ message: ['AWS access key id'] }] },
  ],
});

testRule(secretWithoutRotation, {
  valid: [
    { name: 'rotated secret', app: buildApp({ resources: [buildResource('DbSecret', 'AWS::SecretsManager::Secret'), buildResource('Rotation', 'AWS::SecretsManager::RotationSchedule', { SecretId: { Ref: 'DbSecret' } })] }) },
    { name: 'no secrets', app: buildApp() },
  ],
  invalid: [
    { name: 'secret without schedule', app: buildApp({ resources: [buildResource('DbSecret', 'AWS::SecretsManager::Secret')] }), hits: [{ resource: 'DbSecret' }] },
    { name: 'schedule for another secret', app: buildApp({ resources: [buildResource('A', 'AWS::SecretsManager::Secret'), buildResource('R', 'AWS::SecretsManager::RotationSchedule', { SecretId: '${B}' })] }), hits: [{ resource: 'A' }] },
  ],
});
