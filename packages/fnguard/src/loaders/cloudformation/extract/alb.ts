/**
 * Lambda targets of Application Load Balancers. Exposure depends on the path from the load
 * balancer to the target group: its scheme (internet-facing is the default) and whether the
 * listener authenticates (authenticate-cognito / authenticate-oidc) before forwarding.
 */
import type { AuthType } from '../../../model/types.js';
import { asString, isRecord } from '../../../model/values.js';
import type { ExtractContext } from './context.js';
import { makeTrigger } from './trigger.js';

interface Route {
  scheme?: string;
  loadBalancer?: string;
  listener: string;
  auth: AuthType;
}

/** Target groups an action list forwards to, with the authentication that precedes them. */
function forwards(ctx: ExtractContext, actions: unknown): { targetGroups: string[]; auth: AuthType } {
  const list = Array.isArray(actions) ? actions : [];
  let auth: AuthType = 'none';
  const targetGroups: string[] = [];
  for (const action of list) {
    if (!isRecord(action)) continue;
    const type = asString(action.Type)?.toLowerCase();
    if (type === 'authenticate-cognito') auth = 'cognito';
    if (type === 'authenticate-oidc') auth = 'jwt';
    const direct = ctx.targetOf(action.TargetGroupArn);
    if (direct) targetGroups.push(direct);
    const forward = isRecord(action.ForwardConfig) ? action.ForwardConfig : undefined;
    for (const group of Array.isArray(forward?.TargetGroups) ? forward.TargetGroups : []) {
      const id = isRecord(group) ? ctx.targetOf(group.TargetGroupArn) : undefined;
      if (id) targetGroups.push(id);
    }
  }
  return { targetGroups, auth };
}

function routesToTargetGroups(ctx: ExtractContext): Map<string, Route[]> {
  const listeners = new Map<string, { scheme?: string; loadBalancer?: string }>();
  for (const resource of ctx.ofType('AWS::ElasticLoadBalancingV2::Listener')) {
    const lbId = ctx.targetOf(resource.properties.LoadBalancerArn, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    const lb = lbId ? ctx.template.resources.get(lbId) : undefined;
    // Scheme defaults to internet-facing when the property is left out.
    const scheme = lb ? asString(ctx.props(lb).Scheme) ?? 'internet-facing' : undefined;
    listeners.set(resource.id, { ...(scheme ? { scheme } : {}), ...(lbId ? { loadBalancer: lbId } : {}) });
  }
  const routes = new Map<string, Route[]>();
  const add = (listenerId: string | undefined, actions: unknown): void => {
    const listener = listenerId ? listeners.get(listenerId) : undefined;
    const { targetGroups, auth } = forwards(ctx, actions);
    for (const group of targetGroups) {
      const entry: Route = { listener: listenerId ?? '?', auth, ...listener };
      routes.set(group, [...(routes.get(group) ?? []), entry]);
    }
  };
  for (const resource of ctx.ofType('AWS::ElasticLoadBalancingV2::Listener')) add(resource.id, ctx.props(resource).DefaultActions);
  for (const resource of ctx.ofType('AWS::ElasticLoadBalancingV2::ListenerRule')) {
    add(ctx.targetOf(resource.properties.ListenerArn, 'AWS::ElasticLoadBalancingV2::Listener'), ctx.props(resource).Actions);
  }
  return routes;
}

/** The most exposed route decides: one open internet-facing path is enough. */
function mostExposed(routes: Route[]): Route | undefined {
  return routes.find((r) => r.scheme === 'internet-facing' && r.auth === 'none')
    ?? routes.find((r) => r.scheme === 'internet-facing')
    ?? routes[0];
}

export function extractLoadBalancerTargets(ctx: ExtractContext): void {
  const routes = routesToTargetGroups(ctx);
  for (const resource of ctx.ofType('AWS::ElasticLoadBalancingV2::TargetGroup')) {
    const props = ctx.props(resource);
    if (asString(props.TargetType)?.toLowerCase() !== 'lambda' || !Array.isArray(props.Targets)) continue;
    const route = mostExposed(routes.get(resource.id) ?? []);
    props.Targets.forEach((target, index) => {
      const fn = isRecord(target) ? ctx.functionOf(target.Id) : undefined;
      if (!fn) return;
      const config: Record<string, unknown> = { targetGroup: resource.id };
      if (route?.scheme) config.scheme = route.scheme;
      if (route?.loadBalancer) config.loadBalancer = route.loadBalancer;
      if (route) config.listener = route.listener;
      ctx.attachTrigger(fn, makeTrigger({
        kind: 'alb', name: resource.id, invocation: 'sync', location: ctx.locate(resource, 'Targets', index),
        auth: { type: route?.auth ?? 'none' }, sourceId: resource.id, config,
      }));
    });
  }
}
