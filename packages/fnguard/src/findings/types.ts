import type { SourceLocation } from '../model/types.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type SasCategory =
  | 'SAS-1' | 'SAS-2' | 'SAS-3' | 'SAS-4' | 'SAS-5'
  | 'SAS-6' | 'SAS-7' | 'SAS-8' | 'SAS-9' | 'SAS-10';

export const SAS_TITLES: Record<SasCategory, string> = {
  'SAS-1': 'Function event-data injection',
  'SAS-2': 'Broken authentication',
  'SAS-3': 'Insecure serverless deployment configuration',
  'SAS-4': 'Over-privileged function permissions and roles',
  'SAS-5': 'Inadequate function monitoring and logging',
  'SAS-6': 'Insecure third-party dependencies',
  'SAS-7': 'Insecure application secrets storage',
  'SAS-8': 'Denial of service and financial resource exhaustion',
  'SAS-9': 'Serverless business logic manipulation',
  'SAS-10': 'Improper exception handling and verbose error messages',
};

/** `recommended`: real security exposure, on by default. `strict`: hygiene, opt in. */
export type RuleProfile = 'recommended' | 'strict';

export interface PeerRuleIds {
  /** cdk-nag rule ids, e.g. `AwsSolutions-IAM5`, `Serverless-LambdaDLQ` */
  cdkNag?: string[];
  /** awslabs serverless-rules ids, e.g. `ES1001` */
  serverlessRules?: string[];
  /** Checkov ids, e.g. `CKV_AWS_258` */
  checkov?: string[];
}

export interface RuleFix {
  /** paste-able snippet for a SAM / CloudFormation template */
  sam?: string;
  /** paste-able snippet for serverless.yml */
  serverless?: string;
}

export interface RuleMeta {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  sas: SasCategory;
  cwe: string;
  profile: RuleProfile;
  peers: PeerRuleIds;
  /** one-paragraph remediation advice */
  remediation: string;
  fix: RuleFix;
}

export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  sas: SasCategory;
  cwe: string;
  message: string;
  /** the app's main file, relative to the scanned root */
  app: string;
  /** function id the finding concerns, if any */
  function?: string;
  /** logical id of the resource the finding concerns, if any */
  resource?: string;
  location: SourceLocation;
  evidence?: string;
  remediation: string;
  fix: RuleFix;
  /** stable across runs and line moves: hash of rule id, app, function/resource and a location-free key */
  fingerprint: string;
}
