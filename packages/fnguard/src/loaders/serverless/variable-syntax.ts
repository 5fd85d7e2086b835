/**
 * Lexical side of Serverless Framework variables: finds `${...}` expressions in a string and
 * splits one expression into its fallback chain. No resolution happens here, so the grammar
 * can be tested on its own and the resolver only deals with meaning.
 */

export interface VariableToken {
  /** offset of `$` in the scanned text */
  start: number;
  /** offset just past the closing `}` */
  end: number;
  /** the text between `${` and the matching `}` */
  body: string;
}

export type TextSegment = { kind: 'text'; text: string } | { kind: 'variable'; token: VariableToken; raw: string };

export type FallbackPart =
  /** a literal fallback: `'dev'`, `"x"`, `3`, `true`, `null` (quoted text may itself hold variables) */
  | { kind: 'quoted'; text: string }
  | { kind: 'literal'; value: number | boolean | null }
  /** a whole nested expression used as a fallback: `${opt:stage, ${self:provider.stage}}` */
  | { kind: 'nested'; text: string }
  /** `source(params):address`; params and address are raw and may contain variables */
  | { kind: 'reference'; source: string; params?: string; address?: string; raw: string }
  /** text that is not a Serverless variable (e.g. CloudFormation's `${AWS::Region}` or `${Bucket.Arn}`) */
  | { kind: 'bare'; raw: string };

export interface ScanResult {
  segments: TextSegment[];
  /** a `${` without its closing brace; the rest of the text is kept as plain text */
  unterminated: boolean;
}

/** A quote opens a literal only where a value can start, so apostrophes inside addresses stay text. */
function quoteCanOpen(text: string, index: number, bodyStart: number): boolean {
  for (let i = index - 1; i >= bodyStart; i--) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') continue;
    return c === ',' || c === '(' || c === '{';
  }
  return true;
}

/** Index just past the `}` that closes the `${` at `start`, or -1. */
function matchClose(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    } else if ((c === "'" || c === '"') && depth > 0 && quoteCanOpen(text, i, start + 2)) {
      quote = c;
    }
  }
  return -1;
}

export function scanVariables(text: string): ScanResult {
  const segments: TextSegment[] = [];
  let cursor = 0;
  let unterminated = false;
  while (cursor < text.length) {
    const start = text.indexOf('${', cursor);
    if (start < 0) break;
    const end = matchClose(text, start);
    if (end < 0) {
      unterminated = true;
      break;
    }
    if (start > cursor) segments.push({ kind: 'text', text: text.slice(cursor, start) });
    segments.push({ kind: 'variable', raw: text.slice(start, end), token: { start, end, body: text.slice(start + 2, end - 1) } });
    cursor = end;
  }
  if (cursor < text.length) segments.push({ kind: 'text', text: text.slice(cursor) });
  return { segments, unterminated };
}

export function hasVariables(text: string): boolean {
  return text.includes('${');
}

/** Splits on commas that are outside quotes, parentheses and nested expressions. */
export function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depthBrace = 0;
  let depthParen = 0;
  let quote: string | undefined;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '$' && body[i + 1] === '{') {
      depthBrace++;
      i++;
    } else if (c === '}' && depthBrace > 0) depthBrace--;
    else if (c === '(') depthParen++;
    else if (c === ')' && depthParen > 0) depthParen--;
    else if ((c === "'" || c === '"') && quoteCanOpen(body, i, 0)) quote = c;
    else if (c === ',' && depthBrace === 0 && depthParen === 0) {
      parts.push(body.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(body.slice(from));
  return parts.map((p) => p.trim());
}

function unquote(text: string): string | undefined {
  const q = text[0];
  if ((q !== "'" && q !== '"') || text.length < 2 || text[text.length - 1] !== q) return undefined;
  return text.slice(1, -1).replace(/\\(['"\\])/g, '$1');
}

/** Index of the `)` matching the `(` at `open`, skipping nested expressions. */
function matchParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '$' && text[i + 1] === '{') {
      const end = matchClose(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

// Sources are word characters; the dotted form (`cf.us-east-1`) is the pre-v3 way to pick a region.
const SOURCE_NAME = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9-]+)?/;

export function parsePart(part: string): FallbackPart {
  const quoted = unquote(part);
  if (quoted !== undefined) return { kind: 'quoted', text: quoted };
  if (/^-?\d+(?:\.\d+)?$/.test(part)) return { kind: 'literal', value: Number(part) };
  if (part === 'true' || part === 'false') return { kind: 'literal', value: part === 'true' };
  if (part === 'null') return { kind: 'literal', value: null };
  if (part.startsWith('${')) {
    const end = matchClose(part, 0);
    if (end === part.length) return { kind: 'nested', text: part };
  }
  const name = SOURCE_NAME.exec(part)?.[0];
  if (!name) return { kind: 'bare', raw: part };
  let rest = part.slice(name.length);
  let params: string | undefined;
  if (rest.startsWith('(')) {
    const close = matchParen(rest, 0);
    if (close < 0) return { kind: 'bare', raw: part };
    params = rest.slice(1, close).trim();
    rest = rest.slice(close + 1);
  }
  // `AWS::Region` is CloudFormation's pseudo parameter inside Fn::Sub, not a variable source.
  if (rest.startsWith('::')) return { kind: 'bare', raw: part };
  if (rest.startsWith(':')) return { kind: 'reference', source: name, params, address: rest.slice(1).trim(), raw: part };
  if (rest === '' && params !== undefined) return { kind: 'reference', source: name, params, raw: part };
  return { kind: 'bare', raw: part };
}

export function parseExpression(body: string): FallbackPart[] {
  return splitTopLevel(body).map(parsePart);
}
