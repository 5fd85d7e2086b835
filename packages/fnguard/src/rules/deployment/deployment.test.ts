import { buildApp, buildFunction, buildResource } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import codeSigning from './code-signing.js';
import dynamodbRecovery from './dynamodb-recovery.js';
import messagingEncryption from './messaging-encryption.js';
import messagingTls from './messaging-tls.js';
import vpcOpenEgress from './vpc-open-egress.js';

testRule(codeSigning, {
  valid: [
    { name: 'signed', app: buildApp({ functions: [buildFunction('Fn', { codeSigningConfig: '${Signing}' })] }) },
    { name: 'container image (signed with the image, not Signer)', app: buildApp({ functions: [buildFunction('Fn', { packageType: 'Image' })] }) },
    { name: 'inline code', app: buildApp({ functions: [buildFunction('Fn', { inlineCode: true })] }) },
  ],
  invalid: [{ name: 'zip without signing', app: buildApp({ functions: [buildFunction('Fn')] }), hits: [{ function: 'Fn' }] }],
});

testRule(messagingEncryption, {
  valid: [
    { name: 'default queue (SQS-managed SSE) and keyed topic', app: buildApp({ resources: [buildResource('Q', 'AWS::SQS::Queue'), buildResource('T', 'AWS::SNS::Topic', { KmsMasterKeyId: 'alias/aws/sns' })] }) },
    { name: 'queue with a KMS key', app: buildApp({ resources: [buildResource('Q', 'AWS::SQS::Queue', { KmsMasterKeyId: '${Key}', SqsManagedSseEnabled: false })] }) },
    { name: 'stream with KMS encryption', app: buildApp({ resources: [buildResource('S', 'AWS::Kinesis::Stream', { StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' } })] }) },
    { name: 'delivery stream with encryption, and one reading a Kinesis stream', app: buildApp({ resources: [buildResource('D', 'AWS::KinesisFirehose::DeliveryStream', { DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' } }), buildResource('K', 'AWS::KinesisFirehose::DeliveryStream', { DeliveryStreamType: 'KinesisStreamAsSource' })] }) },
  ],
  invalid: [
    { name: 'queue with SSE off', app: buildApp({ resources: [buildResource('Q', 'AWS::SQS::Queue', { SqsManagedSseEnabled: false })] }), hits: [{ resource: 'Q' }] },
    { name: 'topic without key', app: buildApp({ resources: [buildResource('T', 'AWS::SNS::Topic')] }), hits: [{ resource: 'T' }] },
    { name: 'stream without StreamEncryption', app: buildApp({ resources: [buildResource('S', 'AWS::Kinesis::Stream', { ShardCount: 1 })] }), hits: [{ resource: 'S', message: ['Stream S', 'StreamEncryption'] }] },
    { name: 'stream with encryption type NONE', app: buildApp({ resources: [buildResource('S', 'AWS::Kinesis::Stream', { StreamEncryption: { EncryptionType: 'NONE' } })] }), hits: [{ resource: 'S' }] },
    { name: 'direct-put delivery stream without encryption', app: buildApp({ resources: [buildResource('D', 'AWS::KinesisFirehose::DeliveryStream', { DeliveryStreamType: 'DirectPut' }), buildResource('E', 'AWS::KinesisFirehose::DeliveryStream', {})] }), hits: [{ resource: 'D', message: ['Delivery stream D'] }, { resource: 'E' }] },
  ],
});

testRule(dynamodbRecovery, {
  valid: [
    { name: 'PITR on', app: buildApp({ resources: [buildResource('T', 'AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })] }) },
    { name: 'global table with PITR on every replica', app: buildApp({ resources: [buildResource('G', 'AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'us-east-1', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: 'true' } }] })] }) },
  ],
  invalid: [
    { name: 'table without PITR', app: buildApp({ resources: [buildResource('T', 'AWS::DynamoDB::Table')] }), hits: [{ resource: 'T' }] },
    { name: 'global table with one replica missing PITR', app: buildApp({ resources: [buildResource('G', 'AWS::DynamoDB::GlobalTable', { Replicas: [{ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }, { Region: 'eu-west-1' }] })] }), hits: [{ resource: 'G' }] },
  ],
});

const vpcFunction = buildFunction('Fn', { vpc: { securityGroupIds: ['${Sg}'], subnetIds: ['subnet-1'] } });

testRule(vpcOpenEgress, {
  valid: [
    { name: 'explicit narrow egress', app: buildApp({ functions: [vpcFunction], resources: [buildResource('Sg', 'AWS::EC2::SecurityGroup', { SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] })] }) },
    { name: 'function outside a VPC', app: buildApp({ functions: [buildFunction('Fn')] }) },
    { name: 'security group defined elsewhere', app: buildApp({ functions: [buildFunction('Fn', { vpc: { securityGroupIds: ['sg-123'], subnetIds: [] } })] }) },
  ],
  invalid: [
    { name: 'no egress declared (default allow-all)', app: buildApp({ functions: [vpcFunction], resources: [buildResource('Sg', 'AWS::EC2::SecurityGroup', {})] }), hits: [{ function: 'Fn', resource: 'Sg' }] },
    { name: 'explicit allow-all', app: buildApp({ functions: [vpcFunction], resources: [buildResource('Sg', 'AWS::EC2::SecurityGroup', { SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }] })] }), hits: [{ resource: 'Sg' }] },
    {
      name: 'narrow inline plus an allow-all egress resource',
      app: buildApp({ functions: [vpcFunction], resources: [buildResource('Sg', 'AWS::EC2::SecurityGroup', { SecurityGroupEgress: [] }), buildResource('All', 'AWS::EC2::SecurityGroupEgress', { GroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] }, IpProtocol: '-1', CidrIpv6: '::/0' })] }),
      hits: [{ resource: 'Sg' }],
    },
  ],
});

const queue = (properties: Record<string, unknown> = {}) => buildResource('Q', 'AWS::SQS::Queue', properties);
const topic = (properties: Record<string, unknown> = {}) => buildResource('T', 'AWS::SNS::Topic', properties);
const tlsDeny = (action: unknown, secure: unknown = false, principal: unknown = '*') => ({
  Statement: [{ Effect: 'Deny', Principal: principal, Action: action, Resource: '*', Condition: { Bool: { 'aws:SecureTransport': secure } } }],
});
const queuePolicy = (targets: unknown, document: unknown, type = 'AWS::SQS::QueuePolicy', property = 'Queues') =>
  buildResource('QP', type, { [property]: targets, PolicyDocument: document });
const topicPolicy = (targets: unknown, document: unknown, type = 'AWS::SNS::TopicPolicy', property = 'Topics') =>
  buildResource('TP', type, { [property]: targets, PolicyDocument: document });

testRule(messagingTls, {
  valid: [
    { name: 'queue policy denying sqs:* without TLS, topic policy denying sns:Publish', app: buildApp({ resources: [queue(), topic(), queuePolicy([{ Ref: 'Q' }], tlsDeny('sqs:*')), topicPolicy([{ Ref: 'T' }], tlsDeny('sns:Publish'))] }) },
    { name: '"*" actions, "false" strings, { AWS: "*" } principal, inline policies', app: buildApp({ resources: [queue(), topic(), queuePolicy({ Ref: 'Q' }, tlsDeny(['*'], ['false'], { AWS: '*' }), 'AWS::SQS::QueueInlinePolicy', 'Queue'), topicPolicy({ Ref: 'T' }, tlsDeny('SNS:*'), 'AWS::SNS::TopicInlinePolicy', 'TopicArn')] }) },
    { name: 'a policy naming the queue by its literal URL', app: buildApp({ resources: [queue({ QueueName: 'orders' }), queuePolicy(['https://sqs.eu-west-1.amazonaws.com/123456789012/orders'], tlsDeny('sqs:*'))] }) },
    { name: 'no queues or topics', app: buildApp() },
  ],
  invalid: [
    { name: 'queue and topic without policies', app: buildApp({ resources: [queue(), topic()] }), hits: [{ resource: 'Q', message: ['sqs:*'] }, { resource: 'T', message: ['sns:Publish'] }] },
    { name: 'a Deny limited to one queue action', app: buildApp({ resources: [queue(), queuePolicy([{ Ref: 'Q' }], tlsDeny('sqs:SendMessage'))] }), hits: [{ resource: 'Q' }] },
    { name: 'a Deny for one principal only', app: buildApp({ resources: [queue(), queuePolicy([{ Ref: 'Q' }], tlsDeny('sqs:*', false, { AWS: 'arn:aws:iam::123456789012:root' }))] }), hits: [{ resource: 'Q' }] },
    { name: 'SecureTransport true (inverted)', app: buildApp({ resources: [topic(), topicPolicy([{ Ref: 'T' }], tlsDeny('sns:Publish', true))] }), hits: [{ resource: 'T' }] },
    { name: 'an Allow, not a Deny', app: buildApp({ resources: [queue(), queuePolicy([{ Ref: 'Q' }], { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } }] })] }), hits: [{ resource: 'Q' }] },
    { name: 'the policy covers another queue', app: buildApp({ resources: [queue(), buildResource('Other', 'AWS::SQS::Queue'), queuePolicy([{ Ref: 'Other' }], tlsDeny('sqs:*'))] }), hits: [{ resource: 'Q' }] },
  ],
});
