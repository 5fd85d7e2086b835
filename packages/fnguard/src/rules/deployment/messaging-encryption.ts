import { asBoolean, isRecord } from '../../model/values.js';
import { rule } from '../rule.js';
import { property, resourcesOfType } from '../support/model-queries.js';

/** Delivery streams that read another service's stream and keep its encryption; Firehose refuses its own setting for them. */
const SOURCE_ENCRYPTED_TYPES: ReadonlySet<string> = new Set(['KinesisStreamAsSource', 'MSKAsSource']);

/** `StreamEncryption: {EncryptionType: KMS, KeyId: ...}`; an unresolved value (a condition) is given the benefit of the doubt. */
function encryptsStream(encryption: unknown): boolean {
  if (encryption === undefined) return false;
  if (!isRecord(encryption)) return true;
  const type = property(encryption, 'EncryptionType');
  return typeof type !== 'string' || type.toUpperCase() !== 'NONE';
}

export default rule({
  id: 'FG-DEPLOY-002',
  title: 'Queue, topic or stream without server-side encryption',
  description:
    'An SQS queue has SQS-managed encryption turned off and no KMS key, an SNS topic has no KMS key (SNS does not encrypt at rest by default), a Kinesis data stream has no StreamEncryption ' +
    '(Kinesis does not encrypt at rest by default), or a Firehose delivery stream that producers write to directly has no DeliveryStreamEncryptionConfigurationInput (one reading a Kinesis ' +
    'stream or MSK topic takes its source\'s encryption and is not reported). Messages and records often carry the same personal and order data as the database.',
  severity: 'low',
  sas: 'SAS-3',
  cwe: 'CWE-311',
  profile: 'strict',
  peers: { cdkNag: ['AwsSolutions-SQS2', 'HIPAA.Security-SNSEncryptedKMS', 'AwsSolutions-KDS1', 'AwsSolutions-KDF1'], checkov: ['CKV_AWS_27', 'CKV_AWS_26', 'CKV_AWS_43'] },
  remediation:
    'Give topics a KmsMasterKeyId (a customer key lets you restrict who can read); for queues keep SqsManagedSseEnabled or set a KmsMasterKeyId; ' +
    'give streams StreamEncryption with EncryptionType KMS (alias/aws/kinesis or a customer key), and direct-put delivery streams a DeliveryStreamEncryptionConfigurationInput.',
  fix: {
    sam: ['OrdersTopic:', '  Type: AWS::SNS::Topic', '  Properties:', '    KmsMasterKeyId: alias/aws/sns'].join('\n'),
    serverless: ['resources:', '  Resources:', '    OrdersTopic:', '      Type: AWS::SNS::Topic', '      Properties:', '        KmsMasterKeyId: alias/aws/sns'].join('\n'),
  },
  check: (app) => [
    ...resourcesOfType(app, 'AWS::SQS::Queue')
      // SQS encrypts new queues with SQS-managed keys unless told not to.
      .filter((queue) => property(queue.properties, 'KmsMasterKeyId') === undefined && asBoolean(property(queue.properties, 'SqsManagedSseEnabled')) === false)
      .map((queue) => ({ message: `Queue ${queue.id} turns server-side encryption off.`, location: queue.location, resource: queue.id, key: 'sqs' })),
    ...resourcesOfType(app, 'AWS::SNS::Topic')
      .filter((topic) => property(topic.properties, 'KmsMasterKeyId') === undefined)
      .map((topic) => ({ message: `Topic ${topic.id} stores messages unencrypted: no KmsMasterKeyId.`, location: topic.location, resource: topic.id, key: 'sns' })),
    ...resourcesOfType(app, 'AWS::Kinesis::Stream')
      .filter((stream) => !encryptsStream(property(stream.properties, 'StreamEncryption')))
      .map((stream) => ({ message: `Stream ${stream.id} stores records unencrypted: no StreamEncryption with a KMS key.`, location: stream.location, resource: stream.id, key: 'kinesis' })),
    ...resourcesOfType(app, 'AWS::KinesisFirehose::DeliveryStream')
      .filter((stream) => !SOURCE_ENCRYPTED_TYPES.has(String(property(stream.properties, 'DeliveryStreamType') ?? 'DirectPut')))
      .filter((stream) => property(stream.properties, 'DeliveryStreamEncryptionConfigurationInput') === undefined)
      .map((stream) => ({ message: `Delivery stream ${stream.id} buffers records unencrypted: no DeliveryStreamEncryptionConfigurationInput.`, location: stream.location, resource: stream.id, key: 'firehose' })),
  ],
});
