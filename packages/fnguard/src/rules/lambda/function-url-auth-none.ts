import { rule } from '../rule.js';

export default rule({
  id: 'FG-LAMBDA-001',
  title: 'Function URL allows unauthenticated calls',
  description:
    'A Lambda function URL with AuthType NONE is an HTTPS endpoint that anyone on the internet can call without credentials. ' +
    'Every request runs the function and bills the account, and the function becomes the only line of defence.',
  severity: 'high',
  sas: 'SAS-2',
  cwe: 'CWE-306',
  profile: 'recommended',
  peers: { checkov: ['CKV_AWS_258'] },
  remediation:
    'Set the function URL AuthType to AWS_IAM and sign requests with SigV4, or put the function behind API Gateway with an authorizer. ' +
    'For a public website, front the URL with CloudFront and origin access control so that only CloudFront can invoke it.',
  fix: {
    sam: ['MyFunction:', '  Type: AWS::Serverless::Function', '  Properties:', '    FunctionUrlConfig:', '      AuthType: AWS_IAM'].join('\n'),
    serverless: ['functions:', '  myFunction:', '    url:', '      authorizer: aws_iam'].join('\n'),
  },
  check: (app) =>
    app.functions.flatMap((fn) => {
      if (fn.url === undefined || fn.url.authType.toUpperCase() !== 'NONE') return [];
      const cors = fn.url.cors?.allowOrigins.includes('*') ? ' and CORS allows any origin' : '';
      return [
        {
          message: `Function ${fn.name} has a function URL with AuthType NONE${cors}: anyone on the internet can invoke it without credentials.`,
          location: fn.url.location,
          function: fn.id,
          evidence: `AuthType: ${fn.url.authType}`,
          key: 'function-url',
        },
      ];
    }),
});
