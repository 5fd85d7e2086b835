import { rule, type RuleHit } from '../rule.js';
import { property, propertyPath, resourcesOfType } from '../support/model-queries.js';

export default rule({
  id: 'FG-DOS-007',
  title: 'SNS subscription or EventBridge target without a dead-letter queue',
  description:
    'An SNS subscription or an EventBridge rule target has no dead-letter queue. When delivery fails (the function is throttled, deleted or its policy changed), the service retries for a while and then drops the event.',
  severity: 'low',
  sas: 'SAS-8',
  cwe: 'CWE-755',
  profile: 'recommended',
  peers: { cdkNag: ['Serverless-SNSRedrivePolicy', 'Serverless-EventBusDLQ'], serverlessRules: ['ES7000', 'ES4000'] },
  remediation: 'Give every subscription a RedrivePolicy and every rule target a DeadLetterConfig pointing to an SQS queue, and alarm on that queue.',
  fix: {
    sam: [
      'Events:',
      '  OrderPlaced:',
      '    Type: SNS',
      '    Properties:',
      '      Topic: !Ref OrdersTopic',
      '      RedrivePolicy:',
      '        deadLetterTargetArn: !GetAtt OrdersDlq.Arn',
      '  Nightly:',
      '    Type: Schedule',
      '    Properties:',
      '      Schedule: rate(1 day)',
      '      DeadLetterConfig:',
      '        Type: SQS',
    ].join('\n'),
    serverless: [
      'functions:',
      '  onOrder:',
      '    events:',
      '      - sns:',
      '          arn: !Ref OrdersTopic',
      '          redrivePolicy:',
      '            deadLetterTargetArn: !GetAtt OrdersDlq.Arn',
    ].join('\n'),
  },
  check: (app) => {
    const hits: RuleHit[] = [];
    for (const subscription of resourcesOfType(app, 'AWS::SNS::Subscription')) {
      if (property(subscription.properties, 'RedrivePolicy') !== undefined) continue;
      hits.push({ message: `SNS subscription ${subscription.id} has no redrive policy.`, location: subscription.location, resource: subscription.id, key: 'sns' });
    }
    for (const rule of resourcesOfType(app, 'AWS::Events::Rule')) {
      const targets = property(rule.properties, 'Targets');
      (Array.isArray(targets) ? targets : []).forEach((target, index) => {
        if (propertyPath(target, 'DeadLetterConfig', 'Arn') !== undefined) return;
        hits.push({ message: `Target ${String(property(target, 'Id') ?? index)} of EventBridge rule ${rule.id} has no dead-letter queue.`, location: rule.location, resource: rule.id, key: `target:${index}` });
      });
    }
    // Triggers declared on functions (SAM SNS / Schedule / EventBridgeRule events, serverless sns / schedule / eventBridge).
    // A trigger built from a declared subscription or rule carries its id as name or source: it is judged above.
    const declared = new Set(resourcesOfType(app, 'AWS::SNS::Subscription', 'AWS::Events::Rule').map((resource) => resource.id));
    for (const fn of app.functions) {
      for (const trigger of fn.triggers) {
        if (trigger.kind !== 'sns' && trigger.kind !== 'eventbridge' && trigger.kind !== 'schedule') continue;
        if (declared.has(trigger.name) || (trigger.sourceId !== undefined && declared.has(trigger.sourceId))) continue;
        const dlq = trigger.kind === 'sns'
          ? property(trigger.config, 'RedrivePolicy')
          : property(trigger.config, 'DeadLetterConfig');
        if (dlq !== undefined) continue;
        hits.push({
          message: `The ${trigger.kind} trigger ${trigger.name} of ${fn.name} has no dead-letter queue.`,
          location: trigger.location,
          function: fn.id,
          key: `trigger:${trigger.name}`,
        });
      }
    }
    return hits;
  },
});
