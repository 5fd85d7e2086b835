import { beforeAll, describe, expect, it } from 'vitest';
import type { IamStatement } from '../../model/types.js';
import { type IamCatalog, loadIamCatalog } from './catalog.js';
import { EXFILTRATION_TARGETS, findExfiltration } from './exfiltration.js';
import { allow, deny } from './__tests__/fixtures.js';

let catalog: IamCatalog;
const ids = (statements: IamStatement[]) => findExfiltration(statements, catalog).map((reach) => reach.id);

beforeAll(async () => {
  catalog = await loadIamCatalog(['s3', 'secretsmanager', 'ssm', 'kms', 'dynamodb', 'lambda', 'logs', 'sqs', 'kinesis', 'sns']);
});

describe('findExfiltration', () => {
  it('uses only real catalogue actions', () => {
    for (const target of EXFILTRATION_TARGETS) {
      for (const action of target.actions) expect(catalog.isKnownAction(action), `${target.id}: ${action}`).toBe(true);
    }
  });

  it('reports reads of every bucket, secret, parameter, key and table', () => {
    expect(ids([allow(['s3:GetObject'], ['arn:aws:s3:::*/*'])])).toEqual(['s3-read-all-objects']);
    expect(ids([allow(['s3:Get*'], ['arn:aws:s3:::*'])])).toEqual(['s3-read-all-objects']);
    expect(ids([allow(['secretsmanager:GetSecretValue'])])).toEqual(['secrets-read-all']);
    expect(ids([allow(['ssm:GetParametersByPath'], ['arn:aws:ssm:*:*:parameter/*'])])).toEqual(['ssm-parameters-read-all']);
    expect(ids([allow(['kms:Decrypt'])])).toEqual(['kms-decrypt-all']);
    expect(ids([allow(['dynamodb:Scan'], ['arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*'])])).toEqual(['dynamodb-read-all-tables']);
  });

  it('ignores reads of named resources', () => {
    expect(ids([allow(['s3:GetObject'], ['${Uploads.Arn}/*']), allow(['secretsmanager:GetSecretValue'], ['${DbSecret}'])])).toEqual([]);
    expect(ids([allow(['ssm:GetParameter'], ['arn:aws:ssm:*:*:parameter/app/*'])])).toEqual([]);
  });

  it('reports egress channels', () => {
    expect(ids([allow(['s3:PutObject', 'sns:Publish', 'sqs:SendMessage'])])).toEqual(['s3-write-any-bucket', 'sns-publish-any-topic', 'sqs-send-any-queue']);
  });

  it('reports everything for * and nothing once fully denied', () => {
    expect(ids([allow(['*'])])).toHaveLength(EXFILTRATION_TARGETS.length);
    expect(ids([allow(['s3:*']), deny(['s3:GetObject', 's3:GetObjectVersion'])])).not.toContain('s3-read-all-objects');
  });

  it('marks narrowed reach as possible and explains it', () => {
    const [reach] = findExfiltration([allow(['kms:Decrypt'], ['*'], { Condition: { StringEquals: { 'kms:ViaService': ['s3.eu-west-1.amazonaws.com'] } } })], catalog);
    expect(reach?.confidence).toBe('possible');
    expect(reach?.reasons[0]).toContain('narrowed by kms:ViaService');
  });
});
