/**
 * IAM access levels as the AWS Service Authorization Reference groups them, ordered from least to
 * most dangerous so that "max access level" is a simple comparison.
 */
export type AccessLevel = 'List' | 'Read' | 'Tagging' | 'Write' | 'Permissions management';

export const ACCESS_LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Tagging', 'Write', 'Permissions management'];

const RANK = new Map<AccessLevel, number>(ACCESS_LEVELS.map((level, index) => [level, index]));

export function accessLevelRank(level: AccessLevel): number {
  return RANK.get(level) ?? 0;
}

export function maxAccessLevel(a: AccessLevel | undefined, b: AccessLevel | undefined): AccessLevel | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return accessLevelRank(a) >= accessLevelRank(b) ? a : b;
}

/**
 * Raises each service's level in `target` to the one in `levels` where that is higher. `for...in`
 * visits plain records in the same order as Object.entries without building entry arrays: this
 * runs for each pattern of each action list and each statement of each role, and Object.entries
 * made it ten times slower.
 */
export function mergeAccessLevels(target: Record<string, AccessLevel>, levels: Readonly<Record<string, AccessLevel>>): void {
  for (const service in levels) {
    const merged = maxAccessLevel(target[service], levels[service]);
    if (merged) target[service] = merged;
  }
}

/** Write and above can change state; Tagging counts because tags often drive ABAC decisions. */
export function isWriteLevel(level: AccessLevel | undefined): boolean {
  return level !== undefined && accessLevelRank(level) >= accessLevelRank('Tagging');
}

/**
 * The catalogue package merges labels such as `Permissions management, Write` and
 * `Tagging, Write` (actions documented under both). The specific label describes the action;
 * `Write` is only the generic half.
 */
export function parseAccessLevel(raw: string): AccessLevel | undefined {
  // The catalogue uses a handful of labels for its ~22k actions: parse each label once.
  if (!parsedLevels.has(raw)) parsedLevels.set(raw, computeAccessLevel(raw));
  return parsedLevels.get(raw);
}

const parsedLevels = new Map<string, AccessLevel | undefined>();

function computeAccessLevel(raw: string): AccessLevel | undefined {
  const labels = raw
    .split(',')
    .map((part) => ACCESS_LEVELS.find((level) => level.toLowerCase() === part.trim().toLowerCase()))
    .filter((level): level is AccessLevel => level !== undefined);
  if (labels.includes('Permissions management')) return 'Permissions management';
  if (labels.includes('Tagging')) return 'Tagging';
  return labels.reduce<AccessLevel | undefined>((best, level) => maxAccessLevel(best, level), undefined);
}
