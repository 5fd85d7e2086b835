import type { App, ServerlessFunction, Trigger } from '../../model/types.js';
import { rule } from '../rule.js';
import { isPubliclyTriggered } from '../support/model-queries.js';

/** The API a public trigger arrives through, when that API caps the request rate (stage throttling or a usage plan). */
function throttledBy(app: App, trigger: Trigger): string | undefined {
  const api = app.apis.find((candidate) => candidate.id === trigger.apiId);
  if (api === undefined) return undefined;
  const staged = api.stages.some((stage) => stage.throttling?.burstLimit !== undefined || stage.throttling?.rateLimit !== undefined);
  return staged || api.usagePlan === true ? api.name : undefined;
}

function publicEntries(fn: ServerlessFunction): Array<Trigger | 'url'> {
  const triggers: Array<Trigger | 'url'> = fn.triggers.filter((trigger) => trigger.public);
  // An open function URL with no trigger modelled for it is still a way in.
  if (fn.url?.authType.toUpperCase() === 'NONE' && !fn.triggers.some((trigger) => trigger.kind === 'function-url')) triggers.push('url');
  return triggers;
}

export default rule({
  id: 'FG-DOS-001',
  title: 'Public function without a concurrency limit',
  description:
    'A function anyone can trigger has no reserved concurrency. A flood of requests scales it to the account limit: the bill grows with the attack, ' +
    'and every other function in the account and region is throttled once the shared pool is exhausted. ' +
    'Only functions that anyone on the internet can trigger without credentials are reported (queue consumers and authenticated routes are not). ' +
    'Severity is medium when nothing in front of the function limits the request rate (a function URL, a load balancer, an unthrottled API, an open bucket or queue), ' +
    'low when every public way in goes through an API with stage throttling or a usage plan, which caps the rate but not the concurrency.',
  severity: 'medium',
  sas: 'SAS-8',
  cwe: 'CWE-770',
  profile: 'recommended',
  peers: { cdkNag: ['HIPAA.Security-LambdaConcurrency'], checkov: ['CKV_AWS_115'] },
  remediation: 'Set ReservedConcurrentExecutions to the most the function should ever need, and throttle the API in front of it (FG-DOS-002).',
  fix: {
    sam: ['CreateOrderFunction:', '  Type: AWS::Serverless::Function', '  Properties:', '    ReservedConcurrentExecutions: 50'].join('\n'),
    serverless: ['functions:', '  createOrder:', '    reservedConcurrency: 50'].join('\n'),
  },
  check: (app) =>
    app.functions
      .filter((fn) => isPubliclyTriggered(fn) && fn.reservedConcurrency === undefined)
      .map((fn) => {
        const entries = publicEntries(fn);
        const throttles = entries.map((entry) => (entry === 'url' ? undefined : throttledBy(app, entry)));
        const allThrottled = entries.length > 0 && throttles.every((name) => name !== undefined);
        const first = entries.find((entry) => entry !== 'url');
        const reason = first === undefined ? 'public function URL' : first.publicReason ?? 'public trigger';
        const compensation = allThrottled
          ? ` API ${[...new Set(throttles)].join(', ')} throttles requests in front of it, which caps the rate but not how many copies run at once, so severity is lowered.`
          : ' Nothing in front of it limits the request rate.';
        return {
          message: `Function ${fn.name} can be triggered by anyone (${reason}) and has no reserved concurrency.${compensation}`,
          location: fn.location,
          function: fn.id,
          severity: allThrottled ? ('low' as const) : ('medium' as const),
          key: 'concurrency',
        };
      }),
});
