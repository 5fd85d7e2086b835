import { beforeAll, describe, expect, it } from 'vitest';
import { loadIamCatalog } from '../../analyzers/iam/index.js';
import { buildApp, buildRole, buildStatement } from '../../../test/helpers/app-builder.js';
import { catalogKnowledge, verbKnowledge } from './action-knowledge.js';
import wildcardResourceWrite from './wildcard-resource-write.js';

describe('verb knowledge (no catalogue loaded)', () => {
  it('falls back to verbs and the well-known *-only list', () => {
    const knowledge = catalogKnowledge();
    expect(knowledge.level('s3:putobject')).toBe('write');
    expect(knowledge.wildcardOnly('xray:puttracesegments')).toBe(true);
    expect(knowledge.wildcardOnly('s3:putobject')).toBe(false);
    expect(verbKnowledge.level('sqs:receivemessage')).toBe('read');
  });
});

describe('catalogue knowledge', () => {
  beforeAll(async () => {
    await loadIamCatalog(['s3', 'dynamodb', 'kms', 'iam', 'sqs']);
  });

  it('takes access levels from the AWS catalogue', () => {
    const knowledge = catalogKnowledge();
    expect(knowledge.level('dynamodb:partiqlselect')).toBe('read');
    expect(knowledge.level('s3:putbucketpolicy')).toBe('permissions');
    expect(knowledge.level('iam:passrole')).toBe('write');
    expect(knowledge.level('s3:get*')).toBe('read');
  });

  it('knows which actions accept only Resource *', () => {
    const knowledge = catalogKnowledge();
    expect(knowledge.wildcardOnly('s3:listallmybuckets')).toBe(true);
    expect(knowledge.wildcardOnly('s3:putobject')).toBe(false);
  });

  it('keeps the Lambda VPC interface actions exempt although the catalogue lists resource types for them', async () => {
    await loadIamCatalog(['ec2']);
    expect(catalogKnowledge().wildcardOnly('ec2:createnetworkinterface')).toBe(true);
    expect(catalogKnowledge().wildcardOnly('ec2:createsnapshot')).toBe(false);
  });

  it('falls back for services it does not know', () => {
    expect(catalogKnowledge().level('madeup:creatething')).toBe('write');
  });

  it('keeps catalogue answers, but not the fallback answers given before a service was loaded', async () => {
    const knowledge = catalogKnowledge();
    expect(knowledge.level('sns:subscribe')).toBe('unknown');
    expect(knowledge.wildcardOnly('sns:listtopics')).toBe(false);
    await loadIamCatalog(['sns']);
    expect(knowledge.level('sns:subscribe')).toBe('write');
    expect(knowledge.wildcardOnly('sns:listtopics')).toBe(true);
    expect(knowledge.level('sns:subscribe')).toBe('write');
    expect(knowledge.wildcardOnly('sns:listtopics')).toBe(true);
  });

  it('drives FG-IAM-002', () => {
    const app = buildApp({
      roles: [buildRole('R', { statements: [buildStatement({ Action: ['dynamodb:partiqlselect', 'sqs:sendmessage', 's3:listallmybuckets'], Resource: ['*'] })] })],
    });
    const hits = wildcardResourceWrite.check(app);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.message).toContain('allows sqs:SendMessage on every resource');
  });
});

describe('FG-IAM-002 severity with the catalogue', () => {
  it('treats iam:passrole on * as privilege escalation although AWS classes it as Write', async () => {
    await loadIamCatalog(['iam']);
    const app = buildApp({ roles: [buildRole('R', { statements: [buildStatement({ Action: ['iam:passrole'], Resource: ['*'] })] })] });
    // high for an exposed role, one level lower for this unused one; a plain write would be low
    expect(wildcardResourceWrite.check(app)[0]?.severity).toBe('medium');
  });
});
