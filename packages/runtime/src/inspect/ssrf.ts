/**
 * Server-side request forgery targets. URLs in the value are located, every host a URL parser
 * might pick is extracted (the text after the scheme and after any `@`, since parsers disagree
 * on `a@b@c`, `\@` and `#@`), and each host is resolved *lexically*: IPv4 in any of the
 * inet_aton spellings (`2130706433`, `0x7f.1`, `0177.0.0.1`), IPv6 including IPv4-mapped, and
 * names that always point inside (localhost, metadata services, cluster-internal suffixes,
 * wildcard DNS services that echo an embedded IP).
 */
import { C_AT, C_COLON, C_NONASCII, WordSet, charMask, codeAt, isAsciiAlnum, isAsciiBlank, isAsciiDigit, isAsciiLetter } from './chars.js';
import type { Finding } from './types.js';

/** Schemes that let a fetch talk raw protocols or read local files. */
const DANGEROUS_SCHEMES = new Set(['file', 'gopher', 'dict', 'ldap', 'ldaps', 'tftp', 'jar', 'netdoc', 'expect', 'phar', 'sftp']);

const INTERNAL_NAMES = /^(?:localhost|localhost\.localdomain|ip6-localhost|ip6-loopback|ipv6-localhost|metadata|metadata\.google\.internal|instance-data|instance-data\.ec2\.internal|metadata\.azure\.com|host\.docker\.internal|gateway\.docker\.internal|kubernetes(?:\.default)?(?:\.svc)?|localtest\.me|lvh\.me)$|\.(?:localhost|internal|local|localdomain|svc\.cluster\.local|cluster\.local|localtest\.me|lvh\.me)$/;

/** The last label of every name `INTERNAL_NAMES` matches. */
const INTERNAL_LAST_LABELS = new Set([
  'localhost', 'localdomain', 'ip6-localhost', 'ip6-loopback', 'ipv6-localhost', 'metadata', 'internal', 'instance-data', 'com', 'kubernetes',
  'default', 'svc', 'me', 'local',
]);

/** Services that resolve `a.b.c.d.nip.io` to `a.b.c.d`. */
const WILDCARD_DNS = /(?:^|\.)(?:nip\.io|sslip\.io|xip\.io|traefik\.me|backname\.io)$/;

/** One IPv4 component in C's strtoul spelling: 0x hex, leading-zero octal, or decimal. */
function parseComponent(part: string): number | undefined {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0o[0-7]+$/i.test(part)) return parseInt(part.slice(2), 8);
  if (/^0[0-7]+$/.test(part)) return parseInt(part, 8);
  if (/^(?:0|[1-9]\d*)$/.test(part)) return Number(part);
  return undefined;
}

interface Ipv4 {
  addr: number;
  /** written in anything but four plain decimal parts */
  unusual: boolean;
}

/** inet_aton: `a`, `a.b`, `a.b.c`, `a.b.c.d`, the last part filling the remaining bytes. */
export function parseIpv4(host: string): Ipv4 | undefined {
  // every component spelling uses digits, hex letters, `x` and `o` only: names fail here at once
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 120 || c === 88 || c === 111 || c === 79)) return undefined;
  }
  const parts = host.split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) return undefined;
  const nums = parts.map(parseComponent);
  if (nums.some((v) => v === undefined || !Number.isFinite(v))) return undefined;
  const values = nums as number[];
  // one huge number: some parsers wrap it modulo 2^32 (`7147006462` is 169.254.169.254)
  if (values.length === 1 && values[0]! >= 2 ** 32 && values[0]! < 2 ** 40) return { addr: values[0]! % 2 ** 32, unusual: true };
  let addr = 0;
  for (let i = 0; i < values.length - 1; i++) {
    if (values[i]! > 255) return undefined;
    addr = addr * 256 + values[i]!;
  }
  const rest = 4 - (values.length - 1);
  const last = values[values.length - 1]!;
  if (last >= 256 ** rest) return undefined;
  addr = addr * 256 ** rest + last;
  const unusual = values.length !== 4 || parts.some((p) => /^0[0-9xo]/i.test(p));
  return { addr, unusual };
}

function internalV4(addr: number): boolean {
  const a = Math.floor(addr / 2 ** 24);
  const b = Math.floor(addr / 2 ** 16) % 256;
  const c = Math.floor(addr / 2 ** 8) % 256;
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31)
    || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 192 && b === 0 && c === 0)
    || (a === 198 && (b === 18 || b === 19)) || a >= 224;
}

/** Expands an IPv6 literal to 8 groups; the IPv4 tail of `::ffff:1.2.3.4` is folded in. */
function parseIpv6(text: string): number[] | undefined {
  let host = text.replace(/%.*$/, '').toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (v4) {
    const ip = parseIpv4(v4[1]!);
    if (!ip) return undefined;
    host = host.slice(0, -v4[1]!.length) + `${Math.floor(ip.addr / 65536).toString(16)}:${(ip.addr % 65536).toString(16)}`;
  }
  if (!/^[0-9a-f:]+$/.test(host)) return undefined;
  const halves = host.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail].map((g) => parseInt(g || '0', 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined;
}

function asciiOnly(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

export type HostVerdict = 'internal' | 'obfuscated' | 'ip-literal' | undefined;

/** Classifies one host as a URL parser would see it after the scheme (or after an `@`). */
export function classifyHost(rawHost: string): HostVerdict {
  let host = (asciiOnly(rawHost) ? rawHost : rawHost.normalize('NFKC')).toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('[')) {
    const groups = parseIpv6(host.slice(1, host.indexOf(']') > 0 ? host.indexOf(']') : undefined));
    if (!groups) return 'ip-literal';
    const mapped = groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0);
    if (mapped && (groups[6]! > 0 || groups[7]! > 1)) return internalV4(groups[6]! * 65536 + groups[7]!) ? 'internal' : 'ip-literal';
    if (groups.slice(0, 7).every((g) => g === 0)) return 'internal';
    const first = groups[0]!;
    if ((first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00) return 'internal';
    return 'ip-literal';
  }
  host = host.replace(/:\d*$/, '');
  if (host === '') return undefined;
  const v4 = parseIpv4(host);
  if (v4) return internalV4(v4.addr) ? 'internal' : v4.unusual ? 'obfuscated' : undefined;
  // both expressions are anchored at the end: only a few last labels can match
  const last = host.slice(host.lastIndexOf('.') + 1);
  if (INTERNAL_LAST_LABELS.has(last) && (last !== 'com' || host.endsWith('metadata.azure.com')) && INTERNAL_NAMES.test(host)) return 'internal';
  if ((last === 'io' || last === 'me') && WILDCARD_DNS.test(host)) {
    const embedded = /(\d+[.-]\d+[.-]\d+[.-]\d+)/.exec(host);
    return embedded ? 'internal' : undefined;
  }
  return undefined;
}

/** Every host a lenient or a strict URL parser might connect to for this authority text. */
function hostsOf(rest: string): string[] {
  const stripped = rest.replace(/^[/\\]*/, '');
  const hosts: string[] = [];
  const authority = (text: string): string => {
    if (text.startsWith('[')) {
      const end = text.indexOf(']');
      return end > 0 ? text.slice(0, end + 1) : text;
    }
    return text.split(/[/\\?#\s!,'"<>]/)[0] ?? '';
  };
  const first = authority(stripped);
  hosts.push(first.includes('@') ? first.slice(first.lastIndexOf('@') + 1) : first);
  let at = stripped.indexOf('@');
  let guard = 0;
  while (at >= 0 && guard++ < 4) {
    hosts.push(authority(stripped.slice(at + 1).replace(/^@+/, '')));
    at = stripped.indexOf('@', at + 1);
  }
  return hosts.filter((h) => h !== '');
}

const SCHEME_CHAR = /[a-z0-9+.-]/i;

/** The scheme ending at the `:` at `colon`, read backwards (linear, unlike an unanchored regex). */
function schemeBefore(text: string, colon: number): string | undefined {
  let start = colon;
  while (start > 0 && colon - start < 16 && SCHEME_CHAR.test(text[start - 1]!)) start--;
  while (start < colon && !/[a-z]/i.test(text[start]!)) start++;
  return colon - start >= 2 ? text.slice(start, colon).toLowerCase() : undefined;
}

/** Schemes some rule acts on without `//`: the dangerous ones (`jar:`, `file:/`) and http(s) (`http:127.0.0.1`). */
const RULE_SCHEMES = new WordSet([...DANGEROUS_SCHEMES, 'http', 'https']);

function schemeChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 43 || c === 46 || c === 45;
}

/** Where the scheme ending at `colon` starts, read as `schemeBefore` reads it; -1 when it has fewer than two characters. */
function schemeStart(text: string, colon: number): number {
  let start = colon;
  while (start > 0 && colon - start < 16 && schemeChar(text.charCodeAt(start - 1))) start--;
  while (start < colon && !isAsciiLetter(text.charCodeAt(start))) start++;
  return colon - start < 2 ? -1 : start;
}

/**
 * `schemeBefore` without allocating: is there a scheme ending at `colon` that some rule acts on?
 * Any scheme followed by `//` (its host is classified), or a dangerous one or http(s) without.
 */
function ruleSchemeAt(text: string, colon: number): boolean {
  const start = schemeStart(text, colon);
  if (start < 0) return false;
  const a = codeAt(text, colon + 1);
  const b = codeAt(text, colon + 2);
  return ((a === 47 || a === 92) && (b === 47 || b === 92)) || RULE_SCHEMES.hasRange(text, start, colon);
}

/**
 * Does the (ASCII) value have the shape the bare-host rule needs: optional whitespace, a host
 * name starting with a letter or a dotted number or `[`, then a port and/or a path, or a dot in
 * the name? A superset of the regular expression in `detectSsrf`, without running it.
 */
function bareHostShape(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n && isAsciiBlank(text.charCodeAt(i))) i++;
  if (i >= n) return false;
  const first = text.charCodeAt(i);
  if (first === 91) return true;
  let dot = false;
  let j = i;
  if (isAsciiLetter(first)) {
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 46) dot = true;
      else if (!(isAsciiAlnum(c) || c === 45)) break;
      j++;
    }
    if (j === n) return dot;
  } else if (isAsciiDigit(first)) {
    while (j < n && (isAsciiDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
    // a dotted number alone is not taken for a host: it needs a port or a path
    if (j === n) return false;
  } else {
    return false;
  }
  let c = text.charCodeAt(j);
  if (c === 58) {
    let k = j + 1;
    while (k < n && k - j <= 5 && isAsciiDigit(text.charCodeAt(k))) k++;
    if (k === j + 1 || k - j > 6) return false;
    if (k === n) return true;
    c = text.charCodeAt(k);
  }
  return c === 47 || c === 63 || c === 35;
}

/** The host of a value that is a bare host with a port, a path or a dotted name (`localhost:8080`, `10.0.0.1/x`). */
function bareHost(text: string): string | undefined {
  const bare = /^\s*(\[[0-9a-f:.%]+\]|\d{1,3}(?:\.\d{1,3}){3}|[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*)(:\d{1,5})?([/?#].*)?$/i.exec(text);
  return bare && (bare[2] !== undefined || bare[3] !== undefined || (bare[1]!.includes('.') && !/^[\d.]+$/.test(bare[1]!))) ? bare[1]! : undefined;
}

/** Does the scheme loop of `detectSsrf` act on the colon at `colon` (classify a host or flag the scheme)? */
function schemeActs(text: string, colon: number): boolean {
  const scheme = schemeBefore(text, colon);
  if (!scheme) return false;
  const rest = text.slice(colon + 1, colon + 1 + 512);
  if (rest === '' || /^\s/.test(rest)) return false;
  const hasSlashes = /^[/\\]{2}/.test(rest);
  return (DANGEROUS_SCHEMES.has(scheme) && (hasSlashes || scheme === 'jar' || (scheme === 'file' && /^[/\\]/.test(rest)))) || hasSlashes || /^https?$/.test(scheme);
}

/** The cheap necessary conditions inside `detectSsrf` with what they stand in for (exported for their test only). */
export const ssrfPrefilters = {
  /** false (ASCII text) ⇒ `bareHost` is undefined */
  bareHostShape,
  bareHost,
  /** false ⇒ `schemeActs` is false */
  ruleSchemeAt,
  schemeActs,
};

const DANGEROUS_SCHEME_WORDS = new WordSet(DANGEROUS_SCHEMES);
/**
 * The last labels `classifyHost` gives a meaning to by themselves (internal names, `lvh.me`):
 * `com` only counts in `metadata.azure.com`, and `io` (wildcard DNS) only with the digits of an
 * embedded address.
 */
const INTERNAL_LABELS = new WordSet([...INTERNAL_LAST_LABELS].filter((label) => label !== 'com'));

/** Does the (ASCII) text `text[start, end)` end with `suffix` (lower case), ignoring case? */
function endsWithLower(text: string, start: number, end: number, suffix: string): boolean {
  if (end - start < suffix.length) return false;
  for (let k = 0; k < suffix.length; k++) if ((text.charCodeAt(end - suffix.length + k) | 32) !== suffix.charCodeAt(k)) return false;
  return true;
}

function ipv4Char(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 120 || c === 88 || c === 111 || c === 79;
}

/**
 * Can `classifyHost` say anything about the (ASCII) host `text[start, end)`? A trailing dot and a
 * port aside, it must be spelled like an IPv4 address (digits, hex letters, `x`, `o`, dots) or
 * end like an internal name (`localhost`, `.internal`, `metadata.azure.com`) or a wildcard DNS
 * name with an address in it (`10.0.0.1.nip.io`).
 */
function hostMayMatter(text: string, start: number, end: number): boolean {
  let e = end;
  if (e > start && text.charCodeAt(e - 1) === 46) e--;
  for (let k = e - 1; k >= start; k--) {
    const c = text.charCodeAt(k);
    if (c === 58) {
      e = k;
      break;
    }
    if (!isAsciiDigit(c)) break;
  }
  if (e <= start) return false;
  let ipv4 = true;
  let digits = false;
  let label = start;
  for (let k = start; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 46) label = k + 1;
    if (!ipv4Char(c)) ipv4 = false;
    if (c >= 48 && c <= 57) digits = true;
  }
  // (`localhost.:80` keeps a dot before its port)
  return ipv4 || label === e || INTERNAL_LABELS.hasRange(text, label, e) || endsWithLower(text, start, e, 'metadata.azure.com')
    || (digits && e - label === 2 && endsWithLower(text, label, e, 'io'));
}

/** Where `hostsOf` ends an authority: `/\?#`, whitespace, `!,'"<>`. */
function authorityEnd(c: number): boolean {
  return isAsciiBlank(c) || c === 47 || c === 92 || c === 63 || c === 35 || c === 33 || c === 44 || c === 39 || c === 34 || c === 60 || c === 62;
}

/**
 * For a scheme some rule acts on (`ruleSchemeAt`), can the rules find anything (ASCII text
 * without `@`)? A dangerous scheme, a bracketed IPv6 host, or a host `hostMayMatter` admits.
 */
function schemeTargetMayMatter(text: string, colon: number): boolean {
  if (DANGEROUS_SCHEME_WORDS.hasRange(text, schemeStart(text, colon), colon)) return true;
  const limit = Math.min(text.length, colon + 1 + 512);
  let start = colon + 1;
  while (start < limit && (text.charCodeAt(start) === 47 || text.charCodeAt(start) === 92)) start++;
  if (start < limit && text.charCodeAt(start) === 91) return true;
  let end = start;
  while (end < limit && !authorityEnd(text.charCodeAt(end))) end++;
  return hostMayMatter(text, start, end);
}

/** For a value `bareHostShape` admits (ASCII): can its host be internal? */
function bareHostMayMatter(text: string): boolean {
  const n = text.length;
  let start = 0;
  while (start < n && isAsciiBlank(text.charCodeAt(start))) start++;
  if (codeAt(text, start) === 91) return true;
  let end = start;
  while (end < n && (isAsciiAlnum(text.charCodeAt(end)) || text.charCodeAt(end) === 45 || text.charCodeAt(end) === 46)) end++;
  return hostMayMatter(text, start, end);
}

/**
 * Can `detectSsrf` find anything? It needs a colon after a scheme it acts on (`http`, `https`,
 * `file`, `gopher`...) with a dangerous scheme or a host it can classify, or a value shaped like
 * a bare host that can be internal. Non-ASCII text is NFKC-folded first and `@` makes hosts of
 * what follows it (`a@b@c`), so either makes every scheme and bare-host shape count. `mask` is
 * `charMask(value)`.
 */
export function mayContainSsrf(value: string, mask: number): boolean {
  if (value.length < 3) return false;
  if ((mask & C_NONASCII) !== 0) return true;
  const loose = (mask & C_AT) !== 0;
  if ((mask & C_COLON) !== 0) {
    for (let colon = value.indexOf(':'); colon >= 0; colon = value.indexOf(':', colon + 1)) {
      if (ruleSchemeAt(value, colon) && (loose || schemeTargetMayMatter(value, colon))) return true;
    }
  }
  return bareHostShape(value) && (loose || bareHostMayMatter(value));
}

export function detectSsrf(value: string, mask = charMask(value)): Finding | undefined {
  // a URL has a scheme colon; a bare host a slash, a port colon or (a lone name) a dot and no spaces
  if (value.length < 3 || !(value.includes(':') || value.includes('/') || (value.includes('.') && !/\s/.test(value.trim())))) return undefined;
  const text = /[^\u0000-\u007f]/.test(value) ? value.normalize('NFKC') : value;
  let colon = text.indexOf(':');
  for (let seen = 0; colon >= 0 && seen < 16; seen++, colon = text.indexOf(':', colon + 1)) {
    // no scheme, or one without `//` that no rule acts on (`10:30`, `note: x`): next colon
    if (text === value && (mask & C_NONASCII) === 0 && !ruleSchemeAt(text, colon)) continue;
    const scheme = schemeBefore(text, colon);
    if (!scheme) continue;
    const rest = text.slice(colon + 1, colon + 1 + 512);
    if (rest === '' || /^\s/.test(rest)) continue;
    const hasSlashes = /^[/\\]{2}/.test(rest);
    if (DANGEROUS_SCHEMES.has(scheme) && (hasSlashes || scheme === 'jar' || (scheme === 'file' && /^[/\\]/.test(rest)))) return { rule: `ssrf.scheme-${scheme}`, at: colon };
    // `http:127.0.0.1` and `http:/2852039166` are accepted by lenient parsers; other schemes need `//`
    if (!hasSlashes && !/^https?$/.test(scheme)) continue;
    for (const host of hostsOf(rest)) {
      const verdict = classifyHost(host);
      if (verdict) return { rule: `ssrf.${verdict}`, at: colon };
    }
  }
  // a bare `localhost/...` or `10.0.0.1:8080/` where the application adds the scheme itself;
  // plain numbers and times (`10:30`) are not hosts, so IPs must be dotted quads or bracketed
  if (text === value && (mask & C_NONASCII) === 0 && !bareHostShape(text)) return undefined;
  const host = bareHost(text);
  return host !== undefined && classifyHost(host) === 'internal' ? { rule: 'ssrf.internal', at: 0 } : undefined;
}
