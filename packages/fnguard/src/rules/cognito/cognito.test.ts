import { buildApp, buildResource } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import mfaOff from './mfa-off.js';
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
