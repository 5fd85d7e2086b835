/** The same facts as the oracle's, read from fnguard's app model. */
import type { App, ServerlessFunction, Trigger } from '../model/types.js';
import {
  actionFact, canonical, emptyFacts, httpTriggerFact, managedPolicyFact, sourceTriggerFact,
  type FunctionFacts, type HttpAuth, type TemplateFacts,
} from './facts.js';

function triggerFact(trigger: Trigger): string {
  if (trigger.kind === 'http-rest' || trigger.kind === 'http-api' || trigger.kind === 'websocket') {
    return httpTriggerFact(trigger.kind, trigger.method ?? '?', trigger.path ?? '?', trigger.auth.type as HttpAuth, trigger.auth.apiKeyRequired === true);
  }
  return sourceTriggerFact(trigger.kind, trigger.sourceId);
}

function functionFacts(app: App, fn: ServerlessFunction): FunctionFacts {
  const facts = emptyFacts();
  const role = app.roles.find((r) => r.id === fn.roleId);
  if (role) {
    for (const arn of role.managedPolicyArns) facts.actions.add(managedPolicyFact(arn));
    for (const statement of role.statements) {
      for (const action of statement.Action ?? []) facts.actions.add(actionFact(action, statement.Effect));
      for (const resource of statement.Resource ?? []) facts.resources.add(canonical(resource));
    }
  }
  for (const trigger of fn.triggers) facts.triggers.add(triggerFact(trigger));
  return facts;
}

/** Facts of the app's functions whose ids are in `functionIds`. */
export function modelFacts(app: App, functionIds: Set<string>): TemplateFacts {
  const facts: TemplateFacts = new Map();
  for (const fn of app.functions) {
    if (functionIds.has(fn.id)) facts.set(fn.id, functionFacts(app, fn));
  }
  return facts;
}
