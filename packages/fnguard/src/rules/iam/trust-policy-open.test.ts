import { buildApp, buildRole, buildStatement } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import trustPolicyOpen from './trust-policy-open.js';

const trust = (overrides: Parameters<typeof buildStatement>[0]) =>
  buildApp({ roles: [buildRole('FnRole', { usedBy: ['Fn'], trustPolicy: [buildStatement({ Action: ['sts:assumerole'], Resource: undefined, ...overrides })] })] });

testRule(trustPolicyOpen, {
  valid: [
    { name: 'Lambda service principal', app: trust({ Principal: { Service: ['lambda.amazonaws.com'] } }) },
    { name: 'a named account', app: trust({ Principal: { AWS: ['arn:aws:iam::123456789012:root'] } }) },
    { name: '* with an external id', app: trust({ Principal: '*', Condition: { StringEquals: { 'sts:ExternalId': ['a1b2c3'] } } }) },
    { name: '* restricted to an organization', app: trust({ Principal: { AWS: ['*'] }, Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-123'] } } }) },
    { name: 'a Deny for everyone', app: trust({ Effect: 'Deny', Principal: '*' }) },
  ],
  invalid: [
    { name: 'Principal *', app: trust({ Principal: '*' }), hits: [{ resource: 'FnRole', function: 'Fn', message: ['any AWS principal', 'Fn'] }] },
    { name: 'AWS: * with an unrelated condition', app: trust({ Principal: { AWS: ['*'] }, Condition: { Bool: { 'aws:SecureTransport': ['true'] } } }), hits: [{ evidence: ['"AWS":["*"]'] }] },
    { name: 'a negated organization condition admits everyone outside it', app: trust({ Principal: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ['o-123'] } } }), hits: [{ resource: 'FnRole' }] },
    { name: 'an IfExists condition passes callers without the key', app: trust({ Principal: '*', Condition: { StringEqualsIfExists: { 'aws:PrincipalAccount': ['123456789012'] } } }), hits: [{ resource: 'FnRole' }] },
    { name: 'a wildcard external id matches anyone', app: trust({ Principal: '*', Condition: { StringLike: { 'sts:ExternalId': ['*'] } } }), hits: [{ resource: 'FnRole' }] },
  ],
});
