import { describe, expect, it } from 'vitest';
import { buildApp, buildResource } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import { words } from '../support/sensitive-data.js';
import dynamodbOwnedKey from './dynamodb-owned-key.js';

const table = (id: string, properties: Record<string, unknown> = {}, type = 'AWS::DynamoDB::Table') => buildApp({ resources: [buildResource(id, type, properties)] });
const keyedBy = (name: string) => ({ KeySchema: [{ AttributeName: name, KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: name, AttributeType: 'S' }] });

testRule(dynamodbOwnedKey, {
  valid: [
    { name: 'sensitive table with a customer key', app: table('UsersTable', { SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: '${Key}' } }) },
    { name: 'sensitive table with the AWS-managed key (SSE on, no key id)', app: table('UsersTable', { SSESpecification: { SSEEnabled: 'true' } }) },
    { name: 'table that does not look sensitive', app: table('ProductCatalog', keyedBy('sku')) },
    { name: 'global table with KMS', app: table('Sessions', { SSESpecification: { SSEEnabled: true, SSEType: 'KMS' } }, 'AWS::DynamoDB::GlobalTable') },
    { name: 'classification tag public', app: table('UserAvatars', { Tags: [{ Key: 'Classification', Value: 'public' }] }) },
  ],
  invalid: [
    { name: 'users table on the default key', app: table('UsersTable'), hits: [{ severity: 'low', resource: 'UsersTable', message: ['its name UsersTable suggests user data', 'AWS-owned key'], evidence: ['no SSESpecification'] }] },
    { name: 'SSE explicitly off', app: table('T', { TableName: 'payments', SSESpecification: { SSEEnabled: false } }), hits: [{ message: ['its TableName payments suggests payment data'], evidence: ['"SSEEnabled":false'] }] },
    { name: 'keyed by email', app: table('Records', keyedBy('email')), hits: [{ message: ['keyed by email'] }] },
    { name: 'classification tag', app: table('Records', { Tags: [{ Key: 'data_classification', Value: 'PII' }] }), hits: [{ message: ['tagged data_classification: PII'] }] },
    { name: 'SAM SimpleTable', app: table('CustomerTable', {}, 'AWS::Serverless::SimpleTable'), hits: [{ resource: 'CustomerTable' }] },
  ],
});

describe('words', () => {
  it('splits identifiers and drops plural s', () => {
    expect(words('UserProfilesTable')).toEqual(['user', 'profile', 'table']);
    expect(words('payment-receipts_v2')).toEqual(['payment', 'receipt', 'v2']);
    expect(words('APIKeys')).toEqual(['api', 'key']);
    expect(words('address')).toEqual(['address']);
  });
});
