import { rule } from '../rule.js';
import { isPubliclyTriggered } from '../support/model-queries.js';

export default rule({
  id: 'FG-DOS-001',
  title: 'Public function without a concurrency limit',
  description:
    'A function anyone can trigger has no reserved concurrency. A flood of requests scales it to the account limit: the bill grows with the attack, ' +
    'and every other function in the account and region is throttled once the shared pool is exhausted.',
  severity: 'medium',
  sas: 'SAS-8',
  cwe: 'CWE-770',
  profile: 'recommended',
  peers: { checkov: ['CKV_AWS_115'] },
  remediation: 'Set ReservedConcurrentExecutions to the most the function should ever need, and throttle the API in front of it (FG-DOS-002).',
  fix: {
    sam: ['CreateOrderFunction:', '  Type: AWS::Serverless::Function', '  Properties:', '    ReservedConcurrentExecutions: 50'].join('\n'),
    serverless: ['functions:', '  createOrder:', '    reservedConcurrency: 50'].join('\n'),
  },
  check: (app) =>
    app.functions
      .filter((fn) => isPubliclyTriggered(fn) && fn.reservedConcurrency === undefined)
      .map((fn) => ({
        message: `Function ${fn.name} can be triggered by anyone (${fn.triggers.find((trigger) => trigger.public)?.publicReason ?? 'public function URL'}) and has no reserved concurrency.`,
        location: fn.location,
        function: fn.id,
        key: 'concurrency',
      })),
});
