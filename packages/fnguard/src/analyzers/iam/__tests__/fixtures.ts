import type { IamStatement, Role } from '../../../model/types.js';

export const LOCATION = { file: 't.yaml', line: 1, column: 1 };

export function allow(Action: string[], Resource: string[] = ['*'], extra: Partial<IamStatement> = {}): IamStatement {
  return { Effect: 'Allow', Action, Resource, origin: 'inline:test', location: LOCATION, ...extra };
}

export function deny(Action: string[], Resource: string[] = ['*'], extra: Partial<IamStatement> = {}): IamStatement {
  return { Effect: 'Deny', Action, Resource, origin: 'inline:deny', location: LOCATION, ...extra };
}

export function role(statements: IamStatement[], extra: Partial<Role> = {}): Role {
  return {
    id: 'FnRole',
    implicit: false,
    statements,
    managedPolicyArns: [],
    trustPolicy: [],
    usedBy: ['Fn'],
    location: LOCATION,
    ...extra,
  };
}
