/**
 * AWS managed policies recognised from their ARN, with what attaching them implies. For the
 * broad ones we also produce an approximation of the policy document (e.g. `s3:*` on `*` for
 * AmazonS3FullAccess) so that escalation and exfiltration checks see managed grants too.
 */
import type { IamStatement } from '../../model/types.js';
import type { AccessLevel } from './access-level.js';
import type { IamCatalog } from './catalog.js';
import { remember } from './value-cache.js';

export type ManagedPolicyKind =
  | 'admin'
  | 'power-user'
  | 'permissions-management'
  | 'service-full-access'
  | 'read-all'
  | 'service-read-only';

export interface ManagedPolicyRisk {
  arn: string;
  name: string;
  kind: ManagedPolicyKind;
  /** IAM service prefix for the service families, when it could be identified */
  service?: string;
  /** one sentence on what attaching the policy grants */
  implies: string;
  /** highest access level the policy reaches */
  maxAccessLevel: AccessLevel;
  /**
   * Approximate statements for admin, power-user, permissions-management and service full
   * access (empty for read-only policies, whose real lists are curated by AWS and cannot be
   * derived from access levels).
   */
  statements: IamStatement[];
}

const AWS_MANAGED_ARN = /^arn:(?:aws(?:-[a-z-]+)?|\$\{AWS::Partition\}):iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;

/** Product names whose IAM prefix is not the lower-cased product name. */
const SERVICE_ALIASES: Record<string, string> = {
  stepfunctions: 'states',
  eventbridge: 'events',
  cloudwatchlogs: 'logs',
  kinesisfirehose: 'firehose',
  cognito: 'cognito-idp',
  opensearchservice: 'es',
  elasticsearch: 'es',
  systemsmanager: 'ssm',
  keymanagementservice: 'kms',
};

export function managedPolicyName(arn: string): string | undefined {
  return AWS_MANAGED_ARN.exec(arn.trim())?.[1];
}

function serviceFromProductName(product: string, catalog: IamCatalog | undefined): string | undefined {
  const key = product.toLowerCase().replace(/[^a-z0-9]/g, '');
  const candidate = SERVICE_ALIASES[key] ?? key;
  if (!catalog) return candidate;
  return catalog.isKnownService(candidate) ? candidate : undefined;
}

function statement(arn: string, fields: Pick<IamStatement, 'Action' | 'NotAction'>): IamStatement {
  return { Effect: 'Allow', ...fields, Resource: ['*'], origin: `managed:${arn}`, location: { file: '', line: 0, column: 0 } };
}

const FULL_ACCESS = /^(?:Amazon|AWS)?_?(.+?)_?FullAccess(?:V\d+)?$/;
const READ_ONLY = /^(?:Amazon|AWS)?_?(.+?)_?ReadOnlyAccess(?:V\d+)?$/;

/**
 * Risks by ARN, kept apart for answers with and without a catalogue (the catalogue confirms
 * service names). Keyed by the ARN itself: every role of every app asks, several times.
 */
const withCatalog = new Map<string, ManagedPolicyRisk | null>();
const withoutCatalog = new Map<string, ManagedPolicyRisk | null>();

/** The risk of an AWS managed policy ARN, or undefined for customer policies and harmless ones. */
export function classifyManagedPolicy(arn: string, catalog?: IamCatalog): ManagedPolicyRisk | undefined {
  const cache = catalog ? withCatalog : withoutCatalog;
  const known = cache.get(arn);
  if (known !== undefined) return known ?? undefined;
  return remember(cache, arn, classify(arn, catalog) ?? null) ?? undefined;
}

function classify(arn: string, catalog: IamCatalog | undefined): ManagedPolicyRisk | undefined {
  const name = managedPolicyName(arn);
  if (!name) return undefined;
  const risk = (kind: ManagedPolicyKind, implies: string, maxAccessLevel: AccessLevel, statements: IamStatement[], service?: string): ManagedPolicyRisk => {
    const result: ManagedPolicyRisk = { arn, name, kind, implies, maxAccessLevel, statements };
    if (service) result.service = service;
    return result;
  };
  switch (name) {
    case 'AdministratorAccess':
      return risk('admin', 'full administrator access to every service and resource', 'Permissions management', [statement(arn, { Action: ['*'] })]);
    case 'PowerUserAccess':
      return risk('power-user', 'full access to every service except IAM and Organizations management', 'Permissions management', [
        statement(arn, { NotAction: ['iam:*', 'organizations:*', 'account:*'] }),
      ]);
    case 'IAMFullAccess':
      return risk('permissions-management', 'full IAM access, enough to grant itself any permission', 'Permissions management', [
        statement(arn, { Action: ['iam:*'] }),
      ], 'iam');
    case 'ReadOnlyAccess':
      return risk('read-all', 'read access to the data and configuration of nearly every service', 'Read', []);
    case 'SecretsManagerReadWrite':
      return risk('service-full-access', 'read and write access to every Secrets Manager secret', 'Write', [
        statement(arn, { Action: ['secretsmanager:*'] }),
      ], 'secretsmanager');
  }
  const full = FULL_ACCESS.exec(name);
  if (full) {
    const service = serviceFromProductName(full[1] ?? '', catalog);
    return risk(
      'service-full-access',
      `full access to ${service ?? full[1]}`,
      'Permissions management',
      service ? [statement(arn, { Action: [`${service}:*`] })] : [],
      service,
    );
  }
  const readOnly = READ_ONLY.exec(name);
  if (readOnly) {
    const service = serviceFromProductName(readOnly[1] ?? '', catalog);
    return risk('service-read-only', `read access to every resource of ${service ?? readOnly[1]}`, 'Read', [], service);
  }
  return undefined;
}
