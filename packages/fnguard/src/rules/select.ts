import type { RuleProfile } from '../findings/types.js';
import type { Rule } from './rule.js';

export interface RuleSelection {
  profile?: RuleProfile;
  /** ids or globs (`FG-IAM-*`); empty = every rule of the profile */
  include?: readonly string[];
  /** ids or globs removed after inclusion */
  exclude?: readonly string[];
}

export interface SelectedRules {
  rules: Rule[];
  /** patterns that match no known rule at all: most likely typos, so the CLI rejects them */
  unknownPatterns: string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

export function patternMatcher(pattern: string): (id: string) => boolean {
  const source = escapeRegExp(pattern).replace(/\*/g, '.*').replace(/\?/g, '.');
  const regex = new RegExp(`^${source}$`, 'i');
  return (id) => regex.test(id);
}

function profileIncludes(profile: RuleProfile, rule: Rule): boolean {
  return profile === 'strict' || rule.profile === 'recommended';
}

/**
 * A glob selects within the profile (`FG-IAM-*` must not quietly turn on hygiene rules),
 * while an exact id names a rule the user wants whatever its profile.
 */
export function selectRules(all: readonly Rule[], selection: RuleSelection = {}): SelectedRules {
  const profile = selection.profile ?? 'recommended';
  const include = selection.include ?? [];
  const exclude = selection.exclude ?? [];
  const unknownPatterns = [...include, ...exclude].filter((pattern) => {
    const matches = patternMatcher(pattern);
    return !all.some((rule) => matches(rule.id));
  });

  const included = all.filter((rule) => {
    if (include.length === 0) return profileIncludes(profile, rule);
    return include.some((pattern) =>
      isGlob(pattern) ? patternMatcher(pattern)(rule.id) && profileIncludes(profile, rule) : patternMatcher(pattern)(rule.id),
    );
  });
  const rules = included.filter((rule) => !exclude.some((pattern) => patternMatcher(pattern)(rule.id)));
  return { rules, unknownPatterns: [...new Set(unknownPatterns)] };
}
