import { type IamCatalog, IamCatalogNotLoadedError, isWriteLevel } from '../../analyzers/iam/index.js';
import type { IamStatement, ServerlessFunction } from '../../model/types.js';
import { rule } from '../rule.js';
import { identifierWords } from '../support/words.js';
import { actionList, loadedCatalog } from './display.js';
import { adjustedSeverity, factorSentences, functionPublicEntry, functionsOfRole } from './role-exposure.js';
import { statementEvidence } from './statements.js';

/** `sam:<TemplateName>` is the origin the SAM loader gives statements expanded from a policy template. */
const SAM_ORIGIN = /^sam:([A-Za-z0-9_]+)$/;
const FULL_ACCESS_TEMPLATE = /FullAccessPolicy(?:_v\d+)?$/;
const CRUD_TEMPLATE = /CrudPolicy(?:_v\d+)?$/;

/** Read-only counterparts among the SAM policy templates, for the message's suggestion. */
const READ_COUNTERPART: Record<string, string> = {
  S3FullAccessPolicy: 'S3ReadPolicy',
  S3CrudPolicy: 'S3ReadPolicy',
  DynamoDBCrudPolicy: 'DynamoDBReadPolicy',
  KinesisCrudPolicy: 'KinesisStreamReadPolicy',
  CodeCommitCrudPolicy: 'CodeCommitReadPolicy',
};

const READ_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'read', 'query', 'fetch', 'report']);
/** A name that also says it changes something (`GetOrCreateUser`) is not read-only. */
const WRITE_WORDS: ReadonlySet<string> = new Set([
  'create', 'put', 'update', 'delete', 'write', 'save', 'upsert', 'remove', 'add', 'insert', 'patch', 'post', 'set', 'store', 'upload', 'import', 'sync',
]);

/**
 * The heuristic: the function's logical id starts with a read verb and contains no write word.
 * Only the id is used: deployed names often carry a stack or stage prefix that hides the verb.
 */
export function readOnlyName(fn: ServerlessFunction): string | undefined {
  const parts = identifierWords(fn.id);
  const first = parts[0];
  if (first === undefined || !READ_VERBS.has(first) || parts.some((word) => WRITE_WORDS.has(word))) return undefined;
  return first;
}

interface TemplateUse {
  name: string;
  statements: IamStatement[];
}

/** One entry per template written under Policies: its statements share the origin and the location. */
function templateUses(statements: readonly IamStatement[]): TemplateUse[] {
  const uses = new Map<string, TemplateUse>();
  for (const statement of statements) {
    const name = SAM_ORIGIN.exec(statement.origin)?.[1];
    if (name === undefined || !(FULL_ACCESS_TEMPLATE.test(name) || CRUD_TEMPLATE.test(name))) continue;
    const at = `${name}@${statement.location.file}:${statement.location.line}:${statement.location.column}`;
    const use = uses.get(at) ?? { name, statements: [] };
    use.statements.push(statement);
    uses.set(at, use);
  }
  return [...uses.values()];
}

/** The write-level actions of the template, by the catalogue; empty when it is not loaded. */
function writeActions(use: TemplateUse, catalog: IamCatalog | undefined): string[] {
  if (!catalog) return [];
  const actions = [...new Set(use.statements.flatMap((statement) => statement.Action ?? []))];
  try {
    return actions.filter((action) => {
      const level = catalog.accessLevel(action);
      return level !== undefined && isWriteLevel(level);
    });
  } catch (error) {
    if (error instanceof IamCatalogNotLoadedError) return [];
    throw error;
  }
}

function useKey(use: TemplateUse): string {
  const resources = [...new Set(use.statements.flatMap((statement) => statement.Resource ?? []))].sort().join(',');
  return `${use.name}|${resources}`;
}

export default rule({
  id: 'FG-IAM-009',
  title: 'SAM policy template grants more than the function needs',
  description:
    'A SAM policy template that grants read and write access is attached to a function. The `*FullAccessPolicy` templates (S3FullAccessPolicy, ' +
    'DynamoDBBackupFullAccessPolicy, PollyFullAccessPolicy) are always reported, at low severity. The `*CrudPolicy` templates are routine for functions that write, so they are ' +
    'reported only when the function looks read-only. The heuristic: the function\'s logical id starts with Get, List, Read, Query, Fetch or Report ' +
    'and contains no write word (Create, Put, Update, Delete, Write, Save, Upsert, Remove, Add, Insert, Patch, Post, Set, Store, Upload, Import, Sync). ' +
    'A read-only function with one of these templates is medium severity. Severity is raised one level when the function can be triggered from the internet.',
  severity: 'medium',
  sas: 'SAS-4',
  cwe: 'CWE-250',
  profile: 'recommended',
  precision: 'medium',
  requires: ['iam-catalog'],
  peers: {},
  remediation:
    'Use the read-only template for functions that only read (S3ReadPolicy, DynamoDBReadPolicy, KinesisStreamReadPolicy, CodeCommitReadPolicy). ' +
    'Use the write template, or an explicit statement with the actions the function calls, for functions that write. Replace a FullAccess template with the narrowest template that fits.',
  fix: {
    sam: [
      'GetOrderFunction:',
      '  Type: AWS::Serverless::Function',
      '  Properties:',
      '    Policies:',
      '      # instead of DynamoDBCrudPolicy',
      '      - DynamoDBReadPolicy:',
      '          TableName: !Ref OrdersTable',
    ].join('\n'),
    serverless: [
      'functions:',
      '  getOrder:',
      '    iamRoleStatements:',
      '      - Effect: Allow',
      '        Action:',
      '          - dynamodb:GetItem',
      '          - dynamodb:Query',
      '        Resource: !GetAtt OrdersTable.Arn',
    ].join('\n'),
  },
  check: (app) => {
    const catalog = loadedCatalog();
    return app.roles.flatMap((role) => {
      const uses = templateUses(role.statements);
      if (uses.length === 0) return [];
      const fns = functionsOfRole(app, role);
      return fns.flatMap((fn) =>
        uses.flatMap((use) => {
          const verb = readOnlyName(fn);
          const fullAccess = FULL_ACCESS_TEMPLATE.test(use.name);
          if (!fullAccess && verb === undefined) return [];
          const exposure = functionPublicEntry(fn);
          const factors = { base: verb !== undefined ? ('medium' as const) : ('low' as const), exposure };
          const writes = writeActions(use, catalog);
          const grants = writes.length > 0 ? `, which grants writes such as ${actionList(writes.slice(0, 4), catalog)}` : '';
          const why = verb !== undefined
            ? `${grants === '' ? '' : ','} although its name starts with "${verb}" and suggests it only reads`
            : ': a full-access template on one resource still includes deleting and rewriting it';
          const counterpart = READ_COUNTERPART[use.name];
          const advice = verb !== undefined && counterpart ? ` Use ${counterpart} instead.` : '';
          const first = use.statements[0];
          return [
            {
              message: `Function ${fn.id} has the SAM policy template ${use.name}${grants}${why}.${advice}${factorSentences(factors)}`,
              location: first?.location ?? fn.location,
              function: fn.id,
              resource: role.id,
              evidence: use.statements.map((statement) => statementEvidence(statement, catalog)).join(' '),
              severity: adjustedSeverity(factors),
              key: useKey(use),
            },
          ];
        }),
      );
    });
  },
});
