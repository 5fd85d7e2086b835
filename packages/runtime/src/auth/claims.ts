/** Authorisation checks on verified claims: scopes and required claim values (403 when they fail). */
import type { JWTPayload } from 'jose';
import type { ClaimRequirement } from './options.js';

export function grantedScopes(claims: JWTPayload): Set<string> {
  const scopes = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') for (const s of value.split(/\s+/)) { if (s) scopes.add(s); }
    else if (Array.isArray(value)) for (const s of value) { if (typeof s === 'string' && s) scopes.add(s); }
  };
  add(claims.scope);
  add(claims.scp);
  return scopes;
}

export function missingScopes(claims: JWTPayload, required: string[] | undefined): string[] {
  if (!required || required.length === 0) return [];
  const granted = grantedScopes(claims);
  return required.filter((s) => !granted.has(s));
}

function satisfies(value: unknown, requirement: ClaimRequirement): boolean {
  if (typeof requirement === 'function') {
    try {
      return requirement(value) === true;
    } catch {
      return false; // a predicate that throws on odd input is a "no", never an open door
    }
  }
  // Group-style claims are arrays: membership counts as a match.
  if (Array.isArray(value)) return value.some((v) => v === requirement);
  return value === requirement;
}

/** Names of claims whose value does not meet the requirement (presence-only lists are checked by jose). */
export function unmetClaims(claims: JWTPayload, required: string[] | Record<string, ClaimRequirement> | undefined): string[] {
  if (!required || Array.isArray(required)) return [];
  return Object.entries(required)
    .filter(([name, requirement]) => !Object.hasOwn(claims, name) || !satisfies(claims[name], requirement))
    .map(([name]) => name);
}
