import { describe, expect, it } from 'vitest';
import { IamCatalogNotLoadedError, iamCatalog } from './catalog.js';
import { catalogServicesFor, catalogServicesForRoles } from './needs.js';
import { LOCATION, allow, role } from './__tests__/fixtures.js';

describe('catalogServicesFor', () => {
  it('collects literal action prefixes, NotAction prefixes and ARN services', () => {
    expect(
      catalogServicesFor([
        allow(['S3:GetObject', 'dynamodb:*'], ['arn:aws:sqs:*:*:q', '${Bucket.Arn}']),
        { Effect: 'Allow', NotAction: ['iam:*'], NotResource: ['arn:${AWS::Partition}:kms:*:*:key/x'], origin: 'x', location: LOCATION },
      ]),
    ).toEqual(['dynamodb', 'iam', 'kms', 's3', 'sqs']);
  });

  it('does not need anything for * and skips malformed entries', () => {
    expect(catalogServicesFor([allow(['*', '*:*', 'bad', '', 's3 Get'], ['*'])])).toEqual([]);
    expect(catalogServicesFor([])).toEqual([]);
  });

  it('asks for everything when a service prefix holds a wildcard', () => {
    expect(catalogServicesFor([allow(['s3*:Get*'])])).toBeUndefined();
    expect(catalogServicesFor([allow(['*:Get*'])])).toBeUndefined();
  });

  it('includes services behind AWS managed policies', () => {
    expect(catalogServicesForRoles([role([], { managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess', '${Custom}'] })])).toEqual(['dynamodb']);
  });
});

describe('iamCatalog', () => {
  it('refuses synchronous use before anything was loaded', () => {
    expect(() => iamCatalog()).toThrow(IamCatalogNotLoadedError);
  });
});
