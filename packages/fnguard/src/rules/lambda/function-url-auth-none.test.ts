import { buildApp, buildFunction, loc } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import functionUrlAuthNone from './function-url-auth-none.js';

const withUrl = (authType: string, allowOrigins: string[] = []) =>
  buildApp({
    functions: [
      buildFunction('Web', {
        name: 'web-fn',
        url: { authType, location: loc(33), cors: allowOrigins.length > 0 ? { allowOrigins, allowCredentials: false } : undefined },
      }),
    ],
  });

testRule(functionUrlAuthNone, {
  valid: [
    { name: 'function without a URL', app: buildApp({ functions: [buildFunction('Plain')] }) },
    { name: 'URL with AWS_IAM', app: withUrl('AWS_IAM') },
    { name: 'no functions at all', app: buildApp() },
  ],
  invalid: [
    { name: 'URL with NONE', app: withUrl('NONE'), hits: [{ function: 'Web', line: 33, message: ['web-fn', 'AuthType NONE'], evidence: ['AuthType: NONE'] }] },
    { name: 'lower-case none and open CORS', app: withUrl('none', ['*']), hits: [{ message: ['CORS allows any origin'] }] },
  ],
});
