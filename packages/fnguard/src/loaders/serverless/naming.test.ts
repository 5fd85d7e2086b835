import { describe, expect, it } from 'vitest';
import { defaultFunctionName, functionLogicalId, logGroupLogicalId, normalizedFunctionKey, perFunctionRoleId } from './naming.js';

describe('Framework naming', () => {
  it.each([
    ['hello', 'HelloLambdaFunction'],
    ['hello-world', 'HelloDashworldLambdaFunction'],
    ['get_item', 'GetUnderscoreitemLambdaFunction'],
    ['Already', 'AlreadyLambdaFunction'],
    ['a-b_c-d', 'ADashbUnderscorecDashdLambdaFunction'],
  ])('%s -> %s', (key, id) => {
    expect(functionLogicalId(key)).toBe(id);
  });

  it('derives the other generated ids from the same normalization', () => {
    expect(normalizedFunctionKey('x-y')).toBe('XDashy');
    expect(logGroupLogicalId('x-y')).toBe('XDashyLogGroup');
    expect(perFunctionRoleId('x-y')).toBe('XDashyIamRoleLambdaExecution');
    expect(defaultFunctionName('svc', 'prod', 'x-y')).toBe('svc-prod-x-y');
  });
});
