/**
 * Typed builders for hand-made App models. Every builder fills the required fields with
 * neutral values so a test states only the facts it is about.
 */
import { createApp } from '../../src/model/build.js';
import type {
  Api,
  App,
  EnvironmentVariable,
  IamStatement,
  Resource,
  Role,
  ServerlessFunction,
  SourceLocation,
  Trigger,
} from '../../src/model/types.js';

export const TEMPLATE = 'template.yaml';

export function loc(line = 1, column = 1, file = TEMPLATE): SourceLocation {
  return { file, line, column };
}

/** The loaders' own empty app (model/build.ts), so a test app gains each new App field with them. */
export function buildApp(overrides: Partial<App> = {}): App {
  return { ...createApp({ name: 'test-app', framework: 'sam', path: overrides.path ?? TEMPLATE }), ...overrides };
}

export function buildFunction(id: string, overrides: Partial<ServerlessFunction> = {}): ServerlessFunction {
  return {
    id,
    name: id,
    runtime: 'nodejs20.x',
    handler: 'index.handler',
    environment: [],
    layers: [],
    triggers: [],
    properties: {},
    location: loc(10),
    ...overrides,
  };
}

export function buildTrigger(kind: Trigger['kind'], overrides: Partial<Trigger> = {}): Trigger {
  const http = kind === 'http-rest' || kind === 'http-api' || kind === 'websocket' || kind === 'alb' || kind === 'function-url';
  return {
    kind,
    name: `${kind}-event`,
    invocation: http ? 'sync' : 'async',
    public: false,
    auth: { type: 'none' },
    config: {},
    location: loc(20),
    ...overrides,
  };
}

export function buildStatement(overrides: Partial<IamStatement> = {}): IamStatement {
  return {
    Effect: 'Allow',
    Action: ['s3:getobject'],
    Resource: ['arn:aws:s3:::bucket/*'],
    origin: 'inline:Policy',
    location: loc(40),
    ...overrides,
  };
}

export function buildRole(id: string, overrides: Partial<Role> = {}): Role {
  return {
    id,
    implicit: false,
    statements: [],
    managedPolicyArns: [],
    trustPolicy: [],
    usedBy: [],
    location: loc(30),
    ...overrides,
  };
}

export function buildResource(id: string, type: string, properties: Record<string, unknown> = {}, overrides: Partial<Resource> = {}): Resource {
  return { id, type, properties, location: loc(60), ...overrides };
}

export function buildEnv(name: string, overrides: Partial<EnvironmentVariable> = {}): EnvironmentVariable {
  return { name, value: 'value', secretLike: false, location: loc(15), ...overrides };
}

export function buildApi(id: string, overrides: Partial<Api> = {}): Api {
  return {
    id,
    name: id,
    kind: 'rest',
    implicit: false,
    stages: [],
    authorizers: [],
    routes: [],
    properties: {},
    location: loc(70),
    ...overrides,
  };
}
