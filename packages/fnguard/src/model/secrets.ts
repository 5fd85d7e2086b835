/**
 * Decides whether an environment variable holds a plaintext secret, a reference to a secret
 * store (the right way), or neither. Value shapes are checked first because they are precise;
 * names alone only count when the value also looks like a credential rather than a pointer.
 */
import type { EnvironmentVariable } from './types.js';

export interface EnvironmentClassification {
  secretLike: boolean;
  secretReason?: string;
  reference?: EnvironmentVariable['reference'];
}

export interface EnvironmentHints {
  /** the raw value is `!Ref` to a template parameter */
  parameterRef?: boolean;
  /** the raw value is `!Ref` / `!GetAtt` to a resource of the app */
  resourceRef?: boolean;
}

const VALUE_SHAPES: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/, 'a PEM private key'],
  [/\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b/, 'a GitHub token'],
  [/\bxox[baprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\b(?:sk|rk)_live_[A-Za-z0-9]{16,}\b/, 'a Stripe live secret key'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\b/, 'a SendGrid API key'],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'an npm token'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/, 'a JSON Web Token'],
  [/^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]{3,})@/i, 'a connection string with an embedded password'],
];

const SECRET_NAME = /pass(?:word|wd|phrase)?|secret|token|api[_-]?key|apikey|private[_-]?key|credential|signing[_-]?key|client[_-]?secret|access[_-]?key|auth[_-]?key|encryption[_-]?key|hmac|salt/i;

/** Names that hold a pointer to a secret (its ARN, name, path, id) rather than the secret itself. */
const POINTER_NAME = /(?:_|-|\b)(?:arn|name|id|path|param|parameter|table|bucket|queue|topic|region|endpoint|url|uri|header|ttl|length|expiry|expiration|field|file|location|prefix|version|stage|type|enabled|kms[_-]?key[_-]?id)s?$/i;

/** Values that are configuration, not credentials: flags, numbers, ARNs, paths, placeholders. */
function looksLikeConfiguration(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 6) return true;
  if (/^(?:true|false|yes|no|on|off|none|null|undefined|enabled|disabled)$/i.test(trimmed)) return true;
  if (/^-?\d+(?:\.\d+)?$/.test(trimmed)) return true;
  if (/^arn:/.test(trimmed)) return true;
  if (/^\/?[\w.-]+(?:\/[\w.-]+)+\/?$/.test(trimmed) && !/[A-Z].*\d|\d.*[A-Z]/.test(trimmed.replace(/\//g, ''))) return true;
  if (/^https?:\/\/[^@\s]+$/i.test(trimmed)) return true;
  if (/^<.*>$|^\$\{.*\}$|^\{\{.*\}\}$/.test(trimmed)) return true;
  return false;
}

function referenceKind(value: string, hints: EnvironmentHints): EnvironmentVariable['reference'] | undefined {
  if (/\{\{resolve:secretsmanager:/i.test(value)) return 'secretsmanager';
  if (/\{\{resolve:ssm-secure:/i.test(value)) return 'ssm-secure';
  if (/\{\{resolve:ssm:/i.test(value) || /\$\{ssm:/i.test(value)) return 'ssm';
  if (hints.parameterRef) return 'parameter';
  if (hints.resourceRef || /^\$\{[A-Za-z0-9]+(?:\.[A-Za-z0-9.]+)?\}$/.test(value.trim())) return 'resource';
  if (/\$\{[^}]+\}/.test(value) && value.trim().startsWith('${') && value.trim().endsWith('}')) return 'other';
  return undefined;
}

export function classifyEnvironmentValue(name: string, rendered: string | undefined, hints: EnvironmentHints = {}): EnvironmentClassification {
  if (rendered === undefined) return { secretLike: false };
  const reference = referenceKind(rendered, hints);
  if (reference) return { secretLike: false, reference };
  for (const [shape, what] of VALUE_SHAPES) {
    if (shape.test(rendered)) return { secretLike: true, secretReason: `the value looks like ${what}` };
  }
  if (SECRET_NAME.test(name) && !POINTER_NAME.test(name) && !looksLikeConfiguration(rendered)) {
    return { secretLike: true, secretReason: `${name} is named like a secret and holds a literal value` };
  }
  return { secretLike: false };
}
