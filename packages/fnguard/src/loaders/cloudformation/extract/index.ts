/**
 * Plain CloudFormation resources into the app model. Runs after SAM expansion, so resources
 * declared in CloudFormation syntax attach to functions, roles and APIs that SAM defined.
 */
import type { App } from '../../../model/types.js';
import type { TemplateContext } from '../template.js';
import { extractLoadBalancerTargets } from './alb.js';
import { extractRestApis } from './apigateway.js';
import { extractHttpApis } from './apigatewayv2.js';
import { ExtractContext } from './context.js';
import { extractEventSources } from './event-sources.js';
import { extractRoles } from './iam.js';
import { extractFunctions, linkRoles } from './lambda.js';
import { extractLambdaAccess } from './lambda-access.js';
import { linkLogGroups } from './logs.js';
import { extractPlainResources } from './resources.js';
import { linkWebAcls } from './waf.js';

export function extractResources(template: TemplateContext, app: App): void {
  const ctx = new ExtractContext(template, app);
  extractRoles(ctx);
  extractFunctions(ctx);
  linkRoles(ctx);
  extractLambdaAccess(ctx);
  extractEventSources(ctx);
  extractRestApis(ctx);
  extractHttpApis(ctx);
  linkWebAcls(ctx);
  extractLoadBalancerTargets(ctx);
  linkLogGroups(ctx);
  extractPlainResources(ctx);
}
