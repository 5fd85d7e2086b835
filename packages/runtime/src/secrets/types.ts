import type { ProtectionOptions } from '../core/types.js';

export interface SecretsManagerSpec {
  /** secret name or ARN */
  secretsManager: string;
  versionStage?: string;
  versionId?: string;
  /** parse the secret as JSON (overrides the global `json`) */
  json?: boolean;
}

export interface SsmSpec {
  /** parameter name, e.g. /app/key */
  ssm: string;
  /** decrypt SecureString parameters; default true */
  decrypt?: boolean;
  json?: boolean;
}

export type SecretSpec = SecretsManagerSpec | SsmSpec;

/** A secret as the handler sees it: text, bytes (binary Secrets Manager secrets) or parsed JSON. */
export type SecretValue = string | Buffer | unknown;

/** The slice of an AWS SDK v3 client that is used: `send(command, { abortSignal })`. */
export interface AwsClientLike {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

export interface SecretsSettings extends ProtectionOptions {
  /** seconds a value is fresh; afterwards it is served stale while one background refresh runs. Default 300 */
  ttl?: number;
  /** seconds after which a value is never served, even if refreshing keeps failing. Default 3600 */
  maxAge?: number;
  /** parse every secret as JSON unless a spec says otherwise; default false */
  json?: boolean;
  /** per-fetch budget, default 3000 ms: a hung endpoint must not eat the whole invocation */
  fetchTimeoutMs?: number;
  /** ready-made clients (e.g. with custom middleware or credentials) */
  clients?: { secretsManager?: AwsClientLike; ssm?: AwsClientLike };
  /** passed to the clients this module creates (region, credentials, maxAttempts...) */
  clientConfig?: Record<string, unknown>;
  /** endpoint overrides (VPC endpoints, tests) */
  endpoints?: { secretsManager?: string; ssm?: string };
  /** injectable clock for tests */
  now?: () => number;
}

/** Secret specs keyed by the name they get on context.secrets, alongside the settings (whose names are reserved). */
export type SecretsOptions = SecretsSettings & { [name: string]: SecretSpec | unknown };

/** Thrown (non-HTTP) when a secret has no usable value. Carries the secret's name, never its content. */
export class SecretsUnavailableError extends Error {
  readonly code = 'SECRETS_UNAVAILABLE';
  constructor(readonly secretName: string) {
    super('Required secrets are unavailable');
    this.name = 'SecretsUnavailableError';
  }
}
