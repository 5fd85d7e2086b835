/** SAS-4 IAM analysis engine: catalogue, statement analysis, resource naming and role risk. */
export { type AccessLevel, ACCESS_LEVELS, accessLevelRank, isWriteLevel, maxAccessLevel } from './access-level.js';
export { type ActionSet, actionSetHas, enumerateActions, servicesOf } from './action-set.js';
export { type ParsedArn, type ResourceBreadth, isBroadResource, parseArn, resourceBreadth } from './arn.js';
export {
  type ActionExpansion,
  type CatalogStats,
  type ExpansionStatus,
  type ResourceTypeFormat,
  IamCatalog,
  IamCatalogNotLoadedError,
  iamCatalog,
  loadIamCatalog,
} from './catalog.js';
export { type Citation } from './citations.js';
export { type ActionResourceType, type CatalogAction } from './service-actions.js';
export { type ConditionAssessment, type ConditionClause, assessConditions } from './conditions.js';
export { type ExfiltrationKind, type ExfiltrationReach, type ExfiltrationTarget, EXFILTRATION_TARGETS, findExfiltration, findExfiltrationIn } from './exfiltration.js';
export { type ActionGrant, type CombinationResult, type Confidence, type GrantStrength, evaluateAction, evaluateAllOf, evaluateAnyOf } from './grants.js';
export { type ManagedPolicyKind, type ManagedPolicyRisk, classifyManagedPolicy, managedPolicyName } from './managed.js';
export { catalogServicesFor, catalogServicesForRoles } from './needs.js';
export { type ParsedActionPattern, type PatternProblem, type WildcardKind, actionPatternMatches, parseActionPattern } from './patterns.js';
export { type Escalation, type EscalationMethod, ESCALATION_METHODS, findEscalations, findEscalationsIn } from './privesc.js';
export { type ResourceNamingContext, describeResource, describeStatementResources } from './resources.js';
export { type ResourceScope, type StatementAnalysis, analyzeStatement, coversAllResources, expandedActions } from './statements.js';
export { type RoleRiskSummary, type UnknownActionEntry, summarizeRole } from './summary.js';
