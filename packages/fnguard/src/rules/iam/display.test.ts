import { beforeAll, describe, expect, it } from 'vitest';
import { buildStatement } from '../../../test/helpers/app-builder.js';
import { type IamCatalog, analyzeStatement, evaluateAction, loadIamCatalog } from '../../analyzers/iam/index.js';
import { firstSentence } from '../../reporters/text.js';
import { actionDisplayName, actionList, grantReasons, statementResources } from './display.js';
import exfiltrationReach from './exfiltration-reach.js';
import { statementEvidence } from './statements.js';

let catalog: IamCatalog;
beforeAll(async () => {
  catalog = await loadIamCatalog(['s3', 'dynamodb', 'iam', 'lambda', 'sqs']);
});

const TYPES = {
  OrdersTable: 'AWS::DynamoDB::Table',
  UploadsBucket: 'AWS::S3::Bucket',
  Jobs: 'AWS::SQS::Queue',
  DbSecret: 'AWS::SecretsManager::Secret',
  Sessions: 'AWS::Serverless::SimpleTable',
};

describe('action names as AWS spells them', () => {
  it('takes the catalogue spelling of a known action', () => {
    expect(actionDisplayName('s3:putobject', catalog)).toBe('s3:PutObject');
    expect(actionDisplayName('iam:passrole', catalog)).toBe('iam:PassRole');
    expect(actionList(['dynamodb:getitem', 'dynamodb:batchwriteitem'], catalog)).toBe('dynamodb:GetItem, dynamodb:BatchWriteItem');
  });

  it('spells the literal parts of a pattern after an action it matches and keeps the wildcards', () => {
    expect(actionDisplayName('s3:get*', catalog)).toBe('s3:Get*');
    expect(actionDisplayName('s3:put*acl', catalog)).toBe('s3:Put*Acl');
    expect(actionDisplayName('dynamodb:?etitem', catalog)).toBe('dynamodb:?etItem');
    expect(actionDisplayName('s3:*', catalog)).toBe('s3:*');
    expect(actionDisplayName('*', catalog)).toBe('*');
  });

  it('keeps what the model holds when the catalogue cannot say', () => {
    expect(actionDisplayName('s3:nosuchaction', catalog)).toBe('s3:nosuchaction');
    expect(actionDisplayName('s3:nosuch*', catalog)).toBe('s3:nosuch*');
    expect(actionDisplayName('madeup:doit', catalog)).toBe('madeup:doit');
    // kinesis was not loaded: no throw, the lower-cased form
    expect(actionDisplayName('kinesis:putrecord', catalog)).toBe('kinesis:putrecord');
  });

  it('spells evidence actions the same way', () => {
    const evidence = statementEvidence(buildStatement({ Action: ['s3:getobject', 's3:list*'], NotAction: undefined }), catalog);
    expect(evidence).toContain('"Action":["s3:GetObject","s3:List*"]');
  });
});

describe('resources named after the logical resource', () => {
  const phrases = (Resource: string[], Action = ['s3:getobject'], cat: IamCatalog | undefined = catalog) =>
    statementResources(buildStatement({ Action, Resource }), TYPES, cat);

  it('resolves !GetAtt, !Sub and Fn::Join renderings to the resource they name', () => {
    expect(phrases(['${OrdersTable.Arn}'], ['dynamodb:getitem'])).toEqual(['table OrdersTable']);
    expect(phrases(['${UploadsBucket.Arn}/*'])).toEqual(['every object of bucket UploadsBucket']);
    // Fn::Join ['', ['arn:aws:s3:::', !Ref UploadsBucket, '/*']] renders like !Sub
    expect(phrases(['arn:aws:s3:::${UploadsBucket}/*'])).toEqual(['every object of bucket UploadsBucket']);
    expect(phrases(['${Jobs.Arn}'], ['sqs:sendmessage'])).toEqual(['queue Jobs']);
  });

  it('says every resource once for *, and drops repeated phrases', () => {
    expect(phrases(['*', '${UploadsBucket.Arn}/*'])).toEqual(['every resource']);
    expect(phrases(['${UploadsBucket.Arn}/*', 'arn:aws:s3:::${UploadsBucket}/*'])).toEqual(['every object of bucket UploadsBucket']);
  });

  it('names a reference the ARN templates cannot place by the declared type', () => {
    expect(phrases(['${DbSecret}'], ['secretsmanager:getsecretvalue'])).toEqual(['secret DbSecret']);
    expect(phrases(['${OrdersTable.StreamArn}'], ['dynamodb:getrecords'])).toEqual(['stream of table OrdersTable']);
    expect(phrases(['${Unknown.Arn}'], ['dynamodb:getitem'])).toEqual(['resource Unknown']);
  });

  it('phrases NotResource as what is left out', () => {
    const statement = buildStatement({ Action: ['dynamodb:deleteitem'], Resource: undefined, NotResource: ['${OrdersTable.Arn}'] });
    expect(statementResources(statement, TYPES, catalog)).toEqual(['every resource except table OrdersTable']);
  });
});

describe('grant reasons', () => {
  it('restates the analyzer\'s reasons with AWS spelling and named resources', () => {
    const analyses = [analyzeStatement(buildStatement({ Action: ['lambda:updatefunctioncode'], Resource: ['${Worker.Arn}'] }), catalog)];
    const grant = evaluateAction(analyses, 'lambda:updatefunctioncode', catalog);
    expect(grant.reasons).toEqual(['lambda:updatefunctioncode is allowed only on ${Worker.Arn}']);
    expect(grantReasons(grant.reasons, [grant], { Worker: 'AWS::Lambda::Function' }, catalog)).toEqual(['lambda:UpdateFunctionCode is allowed only on function Worker']);
    expect(grantReasons(['narrowed by aws:SourceArn'], [grant], {}, catalog)).toEqual(['narrowed by aws:SourceArn']);
  });
});

describe('FG-IAM-007 remediation', () => {
  it('covers sending data as well as reading it, in the sentence the text report shows', () => {
    const shown = firstSentence(exfiltrationReach.remediation);
    expect(shown).toMatch(/read actions/);
    expect(shown).toMatch(/s3:PutObject, sns:Publish, sqs:SendMessage/);
    expect(shown).toMatch(/sent to another account/);
    expect(exfiltrationReach.fix.serverless).toContain('Action: s3:PutObject');
    expect(exfiltrationReach.fix.sam).toContain('S3WritePolicy');
  });
});
