import { buildApp, buildFunction, buildRole, buildStatement, buildTrigger, loc } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import type { App, IamStatement, Trigger } from '../../model/types.js';
import sharedRole from './shared-role.js';

const orders = buildStatement({ Action: ['dynamodb:putitem'], Resource: ['${OrdersTable.Arn}'] });
const logs = buildStatement({ Action: ['logs:createlogstream', 'logs:putlogevents'], Resource: ['arn:aws:logs:*:*:log-group:/aws/lambda/x:*'], origin: 'serverless:implicit-logs' });

const appWith = (ids: string[], statements: IamStatement[], overrides: Partial<App> = {}, triggers: Record<string, Trigger[]> = {}, managedPolicyArns: string[] = []) =>
  buildApp({
    functions: ids.map((id) => buildFunction(id, { roleId: 'Shared', triggers: triggers[id] ?? [] })),
    roles: [buildRole('Shared', { statements, usedBy: ids, managedPolicyArns, location: loc(35) })],
    ...overrides,
  });

const serverlessApp = (ids: string[]) =>
  buildApp({
    framework: 'serverless',
    path: 'serverless.yml',
    functions: ids.map((id) => buildFunction(id, { roleId: 'IamRoleLambdaExecution' })),
    roles: [buildRole('IamRoleLambdaExecution', { implicit: true, statements: [logs, orders], usedBy: ids })],
  });

testRule(sharedRole, {
  valid: [
    { name: 'one function per role', app: appWith(['Only'], [orders]) },
    { name: 'shared role with only log permissions', app: appWith(['A', 'B'], [logs]) },
    { name: 'shared role with only the basic execution policy', app: appWith(['A', 'B'], [], {}, {}, ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']) },
    { name: 'serverless.yml with a single function', app: serverlessApp(['hello']) },
  ],
  invalid: [
    {
      name: 'two functions share a role',
      app: appWith(['GetOrder', 'CreateOrder'], [logs, orders]),
      hits: [{ severity: 'low', resource: 'Shared', line: 35, message: ['Role Shared is shared by 2 functions (GetOrder, CreateOrder)', 'union of the permissions'], evidence: ['usedBy: GetOrder, CreateOrder'] }],
    },
    {
      name: 'the serverless.yml provider role',
      app: serverlessApp(['getOrder', 'createOrder', 'report']),
      hits: [{ message: ['provider-level role IamRoleLambdaExecution that serverless.yml generates is shared by 3 functions (getOrder, createOrder, report)'] }],
    },
    {
      name: 'a broad managed policy counts as more than the baseline',
      app: appWith(['A', 'B'], [logs], {}, {}, ['arn:aws:iam::aws:policy/AmazonS3FullAccess']),
      hits: [{ severity: 'low' }],
    },
    {
      name: 'a public function carries the others\' permissions to the internet',
      app: appWith(['Web', 'Worker'], [orders], {}, { Web: [buildTrigger('http-api', { public: true, method: 'GET', path: '/' })] }),
      hits: [{ severity: 'medium', message: ['the internet-facing function Web can also do whatever Worker may do', 'HTTP API route GET /'] }],
    },
    {
      name: 'long lists are cut',
      app: appWith(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'], [orders]),
      hits: [{ message: ['10 functions (A, B, C, D, E, F, G, H and 2 more)'] }],
    },
  ],
});
