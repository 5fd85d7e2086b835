import { rule } from '../rule.js';

export default rule({
  id: 'FG-LOG-001',
  title: 'Function without X-Ray tracing',
  description: 'A function runs without active tracing, so a request cannot be followed across API Gateway, the function and the services it calls when investigating an incident.',
  severity: 'low',
  sas: 'SAS-5',
  cwe: 'CWE-778',
  profile: 'strict',
  peers: { cdkNag: ['Serverless-LambdaTracing'], serverlessRules: ['WS1000'], checkov: ['CKV_AWS_50'] },
  remediation: 'Set Tracing to Active (SAM) or provider.tracing.lambda: true (Serverless Framework); the role needs xray:PutTraceSegments, which SAM adds for you.',
  fix: {
    sam: ['Globals:', '  Function:', '    Tracing: Active'].join('\n'),
    serverless: ['provider:', '  tracing:', '    lambda: true'].join('\n'),
  },
  check: (app) =>
    app.functions
      .filter((fn) => fn.tracing !== 'Active')
      .map((fn) => ({ message: `Function ${fn.name} has tracing ${fn.tracing ?? 'off (the default)'}.`, location: fn.location, function: fn.id, key: 'tracing' })),
});
