import type { App } from '../../model/types.js';
import { rule } from '../rule.js';
import { property, propertyPath, referencedId, resourcesOfType } from '../support/model-queries.js';

/** Queues that already serve as a dead-letter queue for a queue or a function need none of their own. */
function deadLetterQueueIds(app: App): Set<string> {
  const ids = new Set<string>();
  for (const queue of resourcesOfType(app, 'AWS::SQS::Queue')) {
    const target = referencedId(propertyPath(queue.properties, 'RedrivePolicy', 'deadLetterTargetArn'));
    if (target) ids.add(target);
  }
  for (const fn of app.functions) {
    for (const target of [fn.deadLetter?.target, fn.destinations?.onFailure]) {
      const id = target === undefined ? undefined : referencedId(target);
      if (id) ids.add(id);
    }
  }
  return ids;
}

export default rule({
  id: 'FG-DOS-006',
  title: 'SQS queue without a redrive policy',
  description:
    'A queue has no redrive policy, so a message that always fails is received again and again until it expires (4 days by default, up to 14): it keeps invoking the consumer, ' +
    'costs money on every attempt, and hides the failure. Queues that are themselves dead-letter queues are not reported.',
  severity: 'low',
  sas: 'SAS-8',
  cwe: 'CWE-835',
  profile: 'recommended',
  peers: { cdkNag: ['Serverless-SQSRedrivePolicy', 'AwsSolutions-SQS3'], serverlessRules: ['ES6000'] },
  remediation: 'Add a RedrivePolicy that moves a message to a dead-letter queue after a few receives, and alarm on the dead-letter queue.',
  fix: {
    sam: [
      'JobsQueue:',
      '  Type: AWS::SQS::Queue',
      '  Properties:',
      '    RedrivePolicy:',
      '      deadLetterTargetArn: !GetAtt JobsDeadLetterQueue.Arn',
      '      maxReceiveCount: 5',
    ].join('\n'),
    serverless: [
      'resources:',
      '  Resources:',
      '    JobsQueue:',
      '      Type: AWS::SQS::Queue',
      '      Properties:',
      '        RedrivePolicy:',
      '          deadLetterTargetArn: !GetAtt JobsDeadLetterQueue.Arn',
      '          maxReceiveCount: 5',
    ].join('\n'),
  },
  check: (app) => {
    const deadLetterQueues = deadLetterQueueIds(app);
    // Loaders give a trigger's source as a plain logical id; a rendered reference is accepted too.
    const consumed = new Set(app.functions.flatMap((fn) => fn.triggers.filter((t) => t.kind === 'sqs').map((t) => referencedId(t.sourceId) ?? t.sourceId)));
    return resourcesOfType(app, 'AWS::SQS::Queue')
      .filter((queue) => property(queue.properties, 'RedrivePolicy') === undefined && !deadLetterQueues.has(queue.id))
      .map((queue) => ({
        message: `Queue ${queue.id} has no redrive policy${consumed.has(queue.id) ? ' and a function consumes it: a failing message is retried until it expires' : ''}.`,
        location: queue.location,
        resource: queue.id,
        ...(consumed.has(queue.id) ? { severity: 'medium' as const } : {}),
        key: 'redrive',
      }));
  },
});
