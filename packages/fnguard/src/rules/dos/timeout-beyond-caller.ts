import type { TriggerKind } from '../../model/types.js';
import { rule } from '../rule.js';

/** How long each synchronous caller waits before it gives up on the function. */
const CALLER_LIMITS: Partial<Record<TriggerKind, [number, string]>> = {
  'http-rest': [29, 'API Gateway REST APIs'],
  'http-api': [30, 'API Gateway HTTP APIs'],
  websocket: [29, 'API Gateway WebSocket APIs'],
  appsync: [30, 'AppSync'],
};

export default rule({
  id: 'FG-DOS-003',
  title: 'Function timeout beyond what its caller waits',
  description:
    'A function behind API Gateway or AppSync has a timeout longer than the caller waits. When the caller gives up, the function keeps running and billing, ' +
    'and a client that retries multiplies the work: a cheap way to exhaust concurrency.',
  severity: 'low',
  sas: 'SAS-8',
  cwe: 'CWE-400',
  profile: 'recommended',
  peers: {},
  remediation: 'Set the timeout just above the slowest legitimate request and below the caller limit, and stop work when the caller has gone (for example with the @fnguard/runtime `deadline` option).',
  fix: {
    sam: ['CreateOrderFunction:', '  Type: AWS::Serverless::Function', '  Properties:', '    Timeout: 10'].join('\n'),
    serverless: ['functions:', '  createOrder:', '    timeout: 10'].join('\n'),
  },
  check: (app) =>
    app.functions.flatMap((fn) => {
      if (fn.timeout === undefined) return [];
      const limits = fn.triggers.map((trigger) => CALLER_LIMITS[trigger.kind]).filter((limit): limit is [number, string] => limit !== undefined);
      if (limits.length === 0) return [];
      const [limit, caller] = limits.reduce((lowest, candidate) => (candidate[0] < lowest[0] ? candidate : lowest));
      if (fn.timeout <= limit) return [];
      return [{
        message: `Function ${fn.name} has a ${fn.timeout} s timeout, but ${caller} stop waiting after ${limit} s.`,
        location: fn.location,
        function: fn.id,
        evidence: `Timeout: ${fn.timeout}`,
        key: 'timeout',
      }];
    }),
});
