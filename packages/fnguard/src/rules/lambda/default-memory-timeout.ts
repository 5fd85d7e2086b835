import { FRAMEWORK_DEFAULTS } from '../../model/types.js';
import { rule } from '../rule.js';

export const defaultMemory = rule({
  id: 'FG-LAMBDA-003',
  title: 'Function memory left at the platform default',
  description:
    'A function does not set MemorySize, so it gets the platform default (128 MB on SAM/CloudFormation, 1024 MB on the Serverless Framework). Nobody sized it: too small slows every request ' +
    '(CPU scales with memory) and invites timeouts under load; too large pays for idle memory on every invocation.',
  severity: 'info',
  sas: 'SAS-8',
  cwe: 'CWE-1188',
  profile: 'strict',
  peers: { cdkNag: ['Serverless-LambdaDefaultMemorySize'], serverlessRules: ['ES1005'] },
  remediation: 'Measure the function (for example with AWS Lambda Power Tuning) and set MemorySize explicitly.',
  fix: {
    sam: ['Globals:', '  Function:', '    MemorySize: 512'].join('\n'),
    serverless: ['provider:', '  memorySize: 512'].join('\n'),
  },
  check: (app) =>
    app.functions
      .filter((fn) => fn.memorySize === undefined)
      .map((fn) => ({
        message: `Function ${fn.name} uses the default memory size (${FRAMEWORK_DEFAULTS[app.framework].memorySize} MB).`,
        location: fn.location,
        function: fn.id,
        key: 'memory',
      })),
});

export const defaultTimeout = rule({
  id: 'FG-LAMBDA-004',
  title: 'Function timeout left at the default or at the 15-minute maximum',
  description:
    'A function keeps the platform default timeout (3 s on SAM/CloudFormation, 6 s on the Serverless Framework), which nobody chose, or uses the 900 s maximum, ' +
    'which lets one stuck invocation hold concurrency and bill for fifteen minutes.',
  severity: 'info',
  sas: 'SAS-8',
  cwe: 'CWE-400',
  profile: 'strict',
  peers: { cdkNag: ['Serverless-LambdaDefaultTimeout'], serverlessRules: ['ES1006'] },
  remediation: 'Set Timeout just above the slowest legitimate run of the function.',
  fix: {
    sam: ['Globals:', '  Function:', '    Timeout: 10'].join('\n'),
    serverless: ['provider:', '  timeout: 10'].join('\n'),
  },
  check: (app) =>
    app.functions
      .filter((fn) => fn.timeout === undefined || fn.timeout >= 900)
      .map((fn) => ({
        message: fn.timeout === undefined
          ? `Function ${fn.name} uses the default timeout (${FRAMEWORK_DEFAULTS[app.framework].timeout} s).`
          : `Function ${fn.name} uses the maximum timeout of ${fn.timeout} s.`,
        location: fn.location,
        function: fn.id,
        ...(fn.timeout !== undefined ? { severity: 'low' as const } : {}),
        key: 'timeout',
      })),
});
