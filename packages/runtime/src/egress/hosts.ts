/**
 * Host allow-list matching. Patterns:
 *   api.stripe.com        exactly that name
 *   *.amazonaws.com       any name under it, not amazonaws.com itself (list both if needed)
 *   10.0.0.0/8, fd00::/8  CIDR ranges (IPv4 and IPv6)
 *   203.0.113.7, ::1      single addresses
 * Any of them may end in :port ([v6]:port for IPv6) to allow only that port.
 * Matching is on what the caller asked to connect to, before DNS: an allow-listed name is
 * trusted to resolve where it should, and numeric forms that are not canonical IP literals
 * (2130706433, 0x7f.1) are plain names that match nothing, so they stay blocked.
 */
import { BlockList, isIP } from 'node:net';

export interface HostRule {
  source: string;
  port?: number;
  match(host: NormalisedHost): boolean;
}

export interface NormalisedHost {
  name: string;
  /** 4 or 6 when `name` is an IP literal, else 0 */
  family: 0 | 4 | 6;
}

const HOSTNAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

export function normaliseHost(raw: string): NormalisedHost {
  let name = raw.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  if (name.endsWith('.')) name = name.slice(0, -1);
  // IPv4-mapped IPv6 is the IPv4 host for every practical purpose, including CIDR rules.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
  if (mapped && isIP(mapped[1]!) === 4) name = mapped[1]!;
  const family = isIP(name);
  return { name, family: family === 4 || family === 6 ? family : 0 };
}

function splitPort(pattern: string): { host: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(pattern);
  if (bracketed) return { host: bracketed[1]!, ...(bracketed[2] ? { port: Number(bracketed[2]) } : {}) };
  const colons = pattern.split(':').length - 1;
  if (colons === 1 && !pattern.includes('/')) {
    const [host, port] = pattern.split(':') as [string, string];
    if (!/^\d{1,5}$/.test(port)) throw new TypeError(`egressGuard(): bad port in ${pattern}`);
    return { host, port: Number(port) };
  }
  return { host: pattern };
}

export function parseHostRule(pattern: string): HostRule {
  if (typeof pattern !== 'string' || pattern.trim() === '') throw new TypeError('egressGuard(): empty host pattern');
  const { host, port } = splitPort(pattern.trim().toLowerCase());
  if (port !== undefined && (port < 1 || port > 65535)) throw new TypeError(`egressGuard(): bad port in ${pattern}`);
  const base = { source: pattern, ...(port !== undefined ? { port } : {}) };

  if (host.includes('/')) {
    const [address, prefixText] = host.split('/') as [string, string];
    const family = isIP(address);
    const prefix = Number(prefixText);
    if (!family || !/^\d{1,3}$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) throw new TypeError(`egressGuard(): bad CIDR ${pattern}`);
    const list = new BlockList();
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
    return { ...base, match: (h) => h.family !== 0 && list.check(h.name, h.family === 4 ? 'ipv4' : 'ipv6') };
  }
  const literal = normaliseHost(host);
  if (literal.family !== 0) {
    const list = new BlockList();
    list.addAddress(literal.name, literal.family === 4 ? 'ipv4' : 'ipv6');
    return { ...base, match: (h) => h.family === literal.family && list.check(h.name, h.family === 4 ? 'ipv4' : 'ipv6') };
  }
  if (host.startsWith('*.')) {
    const suffix = host.slice(1);
    if (!HOSTNAME.test(suffix.slice(1)) || !suffix.slice(1).includes('.')) throw new TypeError(`egressGuard(): wildcard needs a domain with a dot: ${pattern}`);
    return { ...base, match: (h) => h.family === 0 && h.name.endsWith(suffix) && h.name.length > suffix.length };
  }
  if (host.includes('*')) throw new TypeError(`egressGuard(): only a leading "*." wildcard is supported: ${pattern}`);
  const exact = literal.name;
  if (!HOSTNAME.test(exact)) throw new TypeError(`egressGuard(): bad host pattern ${pattern}`);
  return { ...base, match: (h) => h.family === 0 && h.name === exact };
}

export class HostAllowList {
  private readonly rules: HostRule[];
  constructor(patterns: readonly string[]) {
    this.rules = patterns.map(parseHostRule);
  }
  allows(host: string, port?: number): boolean {
    const h = normaliseHost(host);
    return this.rules.some((rule) => (rule.port === undefined || rule.port === port) && rule.match(h));
  }
}
