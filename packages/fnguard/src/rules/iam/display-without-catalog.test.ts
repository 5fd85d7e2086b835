/** Library use where nobody loaded the catalogue (its own file: the catalogue is process-wide). */
import { describe, expect, it } from 'vitest';
import { buildStatement } from '../../../test/helpers/app-builder.js';
import { actionDisplayName, statementResources } from './display.js';
import { statementEvidence } from './statements.js';

const TYPES = { OrdersTable: 'AWS::DynamoDB::Table', UploadsBucket: 'AWS::S3::Bucket', Sessions: 'AWS::Serverless::SimpleTable' };
const phrases = (Resource: string[]) => statementResources(buildStatement({ Resource }), TYPES);

describe('display without the catalogue', () => {
  it('keeps actions as the model holds them (lower-cased)', () => {
    expect(actionDisplayName('iam:passrole')).toBe('iam:passrole');
    expect(statementEvidence(buildStatement({ Action: ['s3:putobject'] }))).toContain('"Action":["s3:putobject"]');
  });

  it('still names references after the logical resource and its declared type', () => {
    expect(phrases(['${OrdersTable.Arn}'])).toEqual(['table OrdersTable']);
    expect(phrases(['${UploadsBucket.Arn}/*'])).toEqual(['every object of bucket UploadsBucket']);
    expect(phrases(['${Sessions.Arn}'])).toEqual(['table Sessions']);
    expect(phrases(['${OrdersTable.StreamArn}'])).toEqual(['stream of table OrdersTable']);
    expect(phrases(['${Other.Arn}/incoming/*'])).toEqual(['incoming/* under resource Other']);
    expect(phrases(['*'])).toEqual(['every resource']);
    expect(phrases(['arn:aws:s3:::literal-bucket/*'])).toEqual(['arn:aws:s3:::literal-bucket/*']);
  });
});
