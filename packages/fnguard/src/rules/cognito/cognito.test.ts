import { beforeAll, describe } from 'vitest';
import { buildApp, buildResource, buildRole, buildStatement } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import { loadIamCatalog } from '../../analyzers/iam/index.js';
import type { IamStatement } from '../../model/types.js';
import mfaOff from './mfa-off.js';
import unauthenticatedIdentities from './unauthenticated-identities.js';
import weakPasswordPolicy from './weak-password-policy.js';

const pool = (properties: Record<string, unknown>) => buildApp({ resources: [buildResource('UserPool', 'AWS::Cognito::UserPool', properties)] });
const strongPolicy = { MinimumLength: 14, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: 'true' };

testRule(weakPasswordPolicy, {
  valid: [
    { name: 'length 14 and every class', app: pool({ Policies: { PasswordPolicy: strongPolicy } }) },
    { name: 'camel-case keys are read too', app: pool({ policies: { passwordPolicy: { ...strongPolicy, MinimumLength: '12' } } }) },
    { name: 'no user pool', app: buildApp() },
  ],
  invalid: [
    { name: 'no policy at all', app: pool({}), hits: [{ resource: 'UserPool', message: ['minimum length 8 (the default)', 'symbols'], evidence: ['no PasswordPolicy'] }] },
    { name: 'long but no symbols', app: pool({ Policies: { PasswordPolicy: { ...strongPolicy, RequireSymbols: false } } }), hits: [{ message: ['no requirement for symbols'] }] },
    { name: 'every class but short', app: pool({ Policies: { PasswordPolicy: { ...strongPolicy, MinimumLength: 8 } } }), hits: [{ message: ['minimum length 8'] }] },
  ],
});

testRule(mfaOff, {
  valid: [
    { name: 'MFA on', app: pool({ MfaConfiguration: 'ON' }) },
    { name: 'unquoted ON read as a boolean by YAML 1.1 tools', app: pool({ MfaConfiguration: true }) },
  ],
  invalid: [
    { name: 'MFA not set', app: pool({}), hits: [{ severity: 'medium', message: ['turned off (the default)'] }] },
    { name: 'MFA OFF', app: pool({ MfaConfiguration: 'OFF' }), hits: [{ severity: 'medium', evidence: ['OFF'] }] },
    { name: 'MFA optional', app: pool({ MfaConfiguration: 'OPTIONAL' }), hits: [{ severity: 'low', message: ['optional'] }] },
  ],
});

const identityPool = (allow: unknown) => buildResource('IdentityPool', 'AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: allow });
const attachment = (unauthenticated: unknown) =>
  buildResource('RoleAttachment', 'AWS::Cognito::IdentityPoolRoleAttachment', { IdentityPoolId: { Ref: 'IdentityPool' }, Roles: { authenticated: { 'Fn::GetAtt': ['AuthRole', 'Arn'] }, unauthenticated } });
const guestRole = (statements: IamStatement[]) => buildRole('GuestRole', { statements, usedBy: [] });

describe('FG-COGNITO-003 with the IAM catalogue', () => {
  beforeAll(async () => {
    await loadIamCatalog(['s3', 'dynamodb', 'rum']);
  });

  testRule(unauthenticatedIdentities, {
    valid: [
      { name: 'guests off', app: buildApp({ resources: [identityPool(false)] }) },
      { name: 'guests not set (off by default)', app: buildApp({ resources: [buildResource('IdentityPool', 'AWS::Cognito::IdentityPool', {})] }) },
    ],
    invalid: [
      {
        name: 'guests with a role that writes to a table',
        app: buildApp({
          resources: [identityPool(true), attachment({ 'Fn::GetAtt': ['GuestRole', 'Arn'] })],
          roles: [guestRole([buildStatement({ Action: ['dynamodb:putitem', 's3:getobject'], Resource: ['${Table.Arn}'] })])],
        }),
        hits: [{ severity: 'high', resource: 'IdentityPool', message: ['anyone who asks', 'GuestRole', 'write on dynamodb', 'read on s3'] }],
      },
      {
        name: 'guests with a read-only role (the string "true" too)',
        app: buildApp({ resources: [identityPool('true'), attachment({ 'Fn::GetAtt': ['GuestRole', 'Arn'] })], roles: [guestRole([buildStatement({ Action: ['s3:getobject'], Resource: ['${Bucket.Arn}/public/*'] })])] }),
        hits: [{ severity: 'medium', message: ['read on s3'] }],
      },
      {
        name: 'guests sending CloudWatch RUM telemetry, as the RUM web client is built to',
        app: buildApp({ resources: [identityPool(true), attachment({ 'Fn::GetAtt': ['GuestRole', 'Arn'] })], roles: [guestRole([buildStatement({ Action: ['rum:putrumevents'], Resource: ['arn:aws:rum:eu-west-1:123456789012:appmonitor/web'] })])] }),
        hits: [{ severity: 'medium', message: ['write on rum'] }],
      },
      {
        name: 'guests with a role granted nothing',
        app: buildApp({ resources: [identityPool(true), attachment({ 'Fn::GetAtt': ['GuestRole', 'Arn'] })], roles: [guestRole([])] }),
        hits: [{ severity: 'low', message: ['no permissions'] }],
      },
      {
        name: 'guests with a role from outside the template',
        app: buildApp({ resources: [identityPool(true), attachment('arn:aws:iam::123456789012:role/guests')] }),
        hits: [{ severity: 'medium', message: ['defined outside this template'] }],
      },
    ],
  });
});
