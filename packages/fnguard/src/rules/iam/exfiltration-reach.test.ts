import { beforeAll } from 'vitest';
import { buildApp, buildFunction, buildRole, buildStatement, buildTrigger } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import { loadIamCatalog } from '../../analyzers/iam/index.js';
import type { IamStatement, Trigger } from '../../model/types.js';
import exfiltrationReach from './exfiltration-reach.js';

beforeAll(async () => {
  await loadIamCatalog();
});

const appWith = (statements: IamStatement[], triggers: Trigger[] = [], managedPolicyArns: string[] = []) =>
  buildApp({
    functions: [buildFunction('Reader', { roleId: 'ReaderRole', triggers })],
    roles: [buildRole('ReaderRole', { statements, usedBy: ['Reader'], managedPolicyArns })],
  });

const allow = (Action: string[], Resource = ['*'], extra: Partial<IamStatement> = {}) => buildStatement({ Action, Resource, ...extra });

testRule(exfiltrationReach, {
  valid: [
    { name: 'reads on the function\'s own bucket', app: appWith([allow(['s3:getobject'], ['arn:aws:s3:::uploads/*'])]) },
    { name: 'a wildcard of another service does not make S3 broad', app: appWith([allow(['s3:getobject'], ['arn:aws:dynamodb:*:*:table/*'])]) },
    { name: 'writes that are no egress channel', app: appWith([allow(['dynamodb:putitem', 'xray:puttracesegments'])]) },
    { name: 'an unconditional Deny cancels the read', app: appWith([allow(['secretsmanager:getsecretvalue']), buildStatement({ Effect: 'Deny', Action: ['secretsmanager:getsecretvalue'], Resource: ['*'] })]) },
  ],
  invalid: [
    {
      name: 'every secret',
      app: appWith([allow(['secretsmanager:getsecretvalue'])]),
      hits: [{ severity: 'high', resource: 'ReaderRole', line: 40, message: ['Role ReaderRole (used by Reader) can read every Secrets Manager secret', 'secretsmanager:GetSecretValue on every resource'], evidence: ['granted by inline:Policy'] }],
    },
    {
      name: 'a write channel alone is medium',
      app: appWith([allow(['sns:publish'])]),
      hits: [{ severity: 'medium', message: ['can send data to any SNS topic, including attacker-owned ones', 'sns:Publish'] }],
    },
    {
      name: 'a public function makes a read critical',
      app: appWith([allow(['ssm:getparametersbypath'])], [buildTrigger('http-api', { public: true, method: 'GET', path: '/config' })]),
      hits: [{ severity: 'critical', message: ['every SSM parameter', 'reachable from the internet through HTTP API route GET /config'] }],
    },
    {
      name: 'kms:Decrypt narrowed by kms:ViaService is lowered',
      app: appWith([allow(['kms:decrypt'], ['*'], { Condition: { StringEquals: { 'kms:ViaService': ['secretsmanager.eu-west-1.amazonaws.com'] } } })]),
      hits: [{ severity: 'medium', message: ['every KMS key for decryption', 'Only possible', 'narrowed by kms:ViaService'] }],
    },
    {
      name: 'a managed policy reaches every bucket both ways',
      app: appWith([], [], ['arn:aws:iam::aws:policy/AmazonS3FullAccess']),
      hits: [
        { severity: 'high', line: 30, message: ['every object in every bucket'], evidence: ['managed:arn:aws:iam::aws:policy/AmazonS3FullAccess'] },
        { severity: 'medium', line: 30, message: ['any bucket, including attacker-owned ones'] },
      ],
    },
    {
      name: 'an administrator-like role gets one finding',
      app: appWith([allow(['*'])], [buildTrigger('function-url', { public: true })]),
      hits: [{ severity: 'critical', message: ['administrator-like', 'every Secrets Manager secret', 'outside the account'], evidence: ['s3-read-all-objects', 'sqs-send-any-queue'] }],
    },
  ],
});
