import type { App, Resource } from '../../model/types.js';
import { asList, asString } from '../../model/values.js';
import { rule } from '../rule.js';
import { resource, resourceFix } from '../support/fix-snippets.js';
import { property, referencedId, resourcesOfType } from '../support/model-queries.js';
import { deniesInsecureTransport } from '../support/secure-transport.js';

interface Messaging {
  label: string;
  resourceType: string;
  /** the resource's own name property, which a policy may name instead of referencing the resource */
  nameProperty: string;
  /** policy resources and the property listing (or naming) the resources they cover */
  policies: ReadonlyArray<{ type: string; targets: string }>;
  /** actions a TLS Deny must cover: all of the service's, or (SNS) at least publishing */
  covering: readonly string[];
  denied: string;
}

const QUEUES: Messaging = {
  label: 'Queue',
  resourceType: 'AWS::SQS::Queue',
  nameProperty: 'QueueName',
  policies: [{ type: 'AWS::SQS::QueuePolicy', targets: 'Queues' }, { type: 'AWS::SQS::QueueInlinePolicy', targets: 'Queue' }],
  covering: ['sqs:*', '*'],
  denied: 'sqs:*',
};

const TOPICS: Messaging = {
  label: 'Topic',
  resourceType: 'AWS::SNS::Topic',
  nameProperty: 'TopicName',
  policies: [{ type: 'AWS::SNS::TopicPolicy', targets: 'Topics' }, { type: 'AWS::SNS::TopicInlinePolicy', targets: 'TopicArn' }],
  covering: ['sns:publish', 'sns:*', '*'],
  denied: 'sns:Publish',
};

/** A policy target naming `resource`: a reference to it, or a literal URL / ARN ending in its name. */
function names(target: unknown, declared: Resource, nameProperty: string): boolean {
  if (referencedId(target) === declared.id) return true;
  const name = asString(property(declared.properties, nameProperty));
  const literal = asString(target);
  return name !== undefined && literal !== undefined && (literal.endsWith(`/${name}`) || literal.endsWith(`:${name}`));
}

function unprotected(app: App, kind: Messaging): Resource[] {
  const requiringTls = kind.policies.flatMap(({ type, targets }) =>
    resourcesOfType(app, type)
      .filter((policy) => deniesInsecureTransport(property(policy.properties, 'PolicyDocument'), kind.covering))
      .map((policy) => asList(property(policy.properties, targets))),
  );
  return resourcesOfType(app, kind.resourceType).filter((declared) => !requiringTls.some((targets) => targets.some((target) => names(target, declared, kind.nameProperty))));
}

export default rule({
  id: 'FG-DEPLOY-007',
  title: 'Queue or topic does not require TLS',
  description:
    'No queue or topic policy denies requests made without TLS (aws:SecureTransport false), so a producer or consumer can send or read messages over plain HTTP.',
  severity: 'low',
  sas: 'SAS-3',
  cwe: 'CWE-319',
  profile: 'strict',
  peers: { cdkNag: ['AwsSolutions-SQS4', 'AwsSolutions-SNS3'] },
  remediation: 'Add a queue policy that denies sqs:* (a topic policy that denies sns:Publish) to every principal when aws:SecureTransport is false.',
  fix: resourceFix(resource('OrdersQueuePolicy', 'AWS::SQS::QueuePolicy', [
    'Queues: [!Ref OrdersQueue]',
    'PolicyDocument:',
    '  Statement:',
    '    - Effect: Deny',
    '      Principal: "*"',
    '      Action: sqs:*',
    '      Resource: !GetAtt OrdersQueue.Arn',
    '      Condition: {Bool: {aws:SecureTransport: false}}',
  ])),
  check: (app) =>
    [QUEUES, TOPICS].flatMap((kind) =>
      unprotected(app, kind).map((declared) => ({
        message: `${kind.label} ${declared.id} accepts requests without TLS: no policy denies ${kind.denied} to everyone when aws:SecureTransport is false.`,
        location: declared.location,
        resource: declared.id,
        key: 'tls',
      })),
    ),
});
