/**
 * Decides what must never reach a log line. Three independent nets, because any one of them
 * alone misses secrets: configured paths (what the team knows about), key names (what the team
 * forgot to configure) and value shapes (secrets pasted into free-text fields or odd keys).
 */

export const REDACTED = '[REDACTED]';

type Segment = { kind: 'key'; key: string } | { kind: 'anyKey' } | { kind: 'anyIndex' } | { kind: 'index'; index: number };

export type CompiledPath = readonly Segment[];

/**
 * Parses `headers.authorization`, `*.password`, `a.b[*].c`, `a["x-api-key"]`, `list[0]`.
 * Throws at configuration time on a malformed path so a typo cannot silently disable redaction.
 */
export function compilePath(path: string): CompiledPath {
  const segments: Segment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`invalid redaction path ${JSON.stringify(path)}: ${why}`);
  };
  if (path.length === 0) fail('empty');
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      if (i === 0 || i === path.length - 1 || path[i + 1] === '.') fail('empty segment');
      i++;
      continue;
    }
    if (ch === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) fail('unclosed [');
      const inner = path.slice(i + 1, end);
      if (inner === '*') segments.push({ kind: 'anyIndex' });
      else if (/^\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) });
      else if (/^(["']).*\1$/.test(inner) && inner.length >= 2) segments.push({ kind: 'key', key: inner.slice(1, -1) });
      else fail(`bad bracket segment [${inner}]`);
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
    const key = path.slice(i, end);
    segments.push(key === '*' ? { kind: 'anyKey' } : { kind: 'key', key });
    i = end;
  }
  return segments;
}

function segmentMatches(segment: Segment, key: string | number): boolean {
  switch (segment.kind) {
    case 'anyKey': return true;
    case 'anyIndex': return typeof key === 'number';
    case 'index': return key === segment.index;
    case 'key': return typeof key === 'string' && key.toLowerCase() === segment.key.toLowerCase();
  }
}

/**
 * Progress of every configured path at one node of the tree, as (path, next segment) pairs.
 * As in pino, a wildcard stands for exactly one level (`*.password` is depth 2 only); the
 * key-name net below catches deeper `password` keys anyway.
 */
export type PathState = ReadonlyArray<readonly [pathIndex: number, segmentIndex: number]>;

export class PathMatcher {
  private readonly paths: CompiledPath[];
  readonly initial: PathState;

  constructor(paths: readonly string[]) {
    this.paths = paths.map(compilePath);
    this.initial = this.paths.map((_, index) => [index, 0] as const);
  }

  get empty(): boolean {
    return this.paths.length === 0;
  }

  /** Returns `true` when the child is fully matched (redact it), else the state for its subtree. */
  step(state: PathState, key: string | number): PathState | true {
    let next: Array<readonly [number, number]> | undefined;
    for (const [pathIndex, segmentIndex] of state) {
      const path = this.paths[pathIndex];
      const segment = path?.[segmentIndex];
      if (!path || !segment || !segmentMatches(segment, key)) continue;
      if (segmentIndex + 1 === path.length) return true;
      (next ??= []).push([pathIndex, segmentIndex + 1]);
    }
    return next ?? EMPTY_STATE;
  }
}

const EMPTY_STATE: PathState = [];

const SECRET_KEY =
  /passw(?:or)?d|passphrase|^pwd$|secret|token|authori[sz]ation|cookie|api[-_ ]?key|private[-_]?key|credential|session[-_]?id|^sid$|signature|access[-_]?key|^auth$|(?:^|[-_.])otp(?:$|[-_.])|pin[-_]?code/i;

const keyVerdicts = new Map<string, boolean>();
const MAX_CACHED_KEYS = 2048;

/** Key names that carry secrets by convention, matched case-insensitively anywhere in the name. */
export function isSecretKey(key: string): boolean {
  let verdict = keyVerdicts.get(key);
  if (verdict === undefined) {
    verdict = SECRET_KEY.test(key);
    // keys can be attacker-chosen; a bounded cache cannot be grown without limit
    if (keyVerdicts.size < MAX_CACHED_KEYS && key.length <= 64) keyVerdicts.set(key, verdict);
  }
  return verdict;
}

const VALUE_PATTERNS: readonly RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
  /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g,
  /\b(?:Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|xox[abpr]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,})/g,
];

const CANDIDATE = /[A-Za-z0-9+/_-]{32,}={0,2}/g;
const IDENTIFIER_LIKE = /^(?:[0-9a-f]+-)+[0-9a-f]+$/i;
const HEX = /^[0-9a-f]+$/i;

const counts = new Uint32Array(128);

/** Candidates are ASCII by construction (see CANDIDATE), so a flat table is enough. */
function shannonEntropy(text: string): number {
  counts.fill(0);
  for (let i = 0; i < text.length; i++) counts[text.charCodeAt(i) & 127]!++;
  let entropy = 0;
  for (let c = 0; c < 128; c++) {
    const count = counts[c]!;
    if (count === 0) continue;
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * Random keys look random; identifiers and words do not. Hex keys top out at 4 bits/char, so
 * they get their own bar; dashed hex (UUIDs, trace ids) are correlation ids we need to keep.
 */
export function looksHighEntropy(token: string): boolean {
  if (IDENTIFIER_LIKE.test(token)) return false;
  if (!/\d/.test(token) || !/[a-z]/i.test(token)) return false;
  const bare = token.replace(/=+$/, '');
  if (HEX.test(bare)) return bare.length >= 40 && shannonEntropy(bare) >= 3.5;
  return shannonEntropy(bare) >= 4.2;
}

/** One pass that says whether any specific pattern can be present, before running each. */
const ANY_PATTERN = /-----BEGIN|eyJ|AKIA|ASIA|ABIA|ACCA|bearer|basic|digest|gh[pousr]_|xox[abpr]-|sk_live_/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cheap pre-checks first: most logged strings are short words or ids and must stay fast. */
export function redactValue(text: string): string {
  if (text.length < 16 || (text.length === 36 && UUID.test(text))) return text;
  let out = text;
  if (ANY_PATTERN.test(text)) {
    for (const pattern of VALUE_PATTERNS) {
      pattern.lastIndex = 0;
      if (pattern.test(out)) {
        pattern.lastIndex = 0;
        out = out.replace(pattern, REDACTED);
      }
    }
  }
  if (out.length >= 32) {
    out = out.replace(CANDIDATE, (token) => (looksHighEntropy(token) ? REDACTED : token));
  }
  return out;
}
