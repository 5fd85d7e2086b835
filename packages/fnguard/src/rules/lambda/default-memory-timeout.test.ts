import { buildApp, buildFunction } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import { defaultMemory, defaultTimeout } from './default-memory-timeout.js';

testRule(defaultMemory, {
  valid: [{ name: 'memory set', app: buildApp({ functions: [buildFunction('Fn', { memorySize: 512 })] }) }],
  invalid: [
    { name: 'SAM default', app: buildApp({ functions: [buildFunction('Fn')] }), hits: [{ message: ['128 MB'] }] },
    { name: 'serverless default', app: buildApp({ framework: 'serverless', functions: [buildFunction('fn')] }), hits: [{ message: ['1024 MB'] }] },
  ],
});

testRule(defaultTimeout, {
  valid: [{ name: 'timeout set', app: buildApp({ functions: [buildFunction('Fn', { timeout: 10 })] }) }],
  invalid: [
    { name: 'default', app: buildApp({ framework: 'serverless', functions: [buildFunction('fn')] }), hits: [{ severity: 'info', message: ['6 s'] }] },
    { name: 'maximum', app: buildApp({ functions: [buildFunction('Fn', { timeout: 900 })] }), hits: [{ severity: 'low', message: ['900 s'] }] },
  ],
});
