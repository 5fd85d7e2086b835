/**
 * secrets(): loads the configured secrets before the handler runs and hands them over on
 * `context.secrets`. Values live only in this container's memory, never in process.env (which
 * child processes inherit and crash reporters dump). A fetch failure is tolerated while a
 * cached value is within maxAge; with nothing usable the invocation fails with a generic error
 * and a `secrets.error` event naming the secret, never its content.
 */
import { createEmitter } from '../core/security-event.js';
import { jsonErrorResponse } from '../core/response.js';
import type { Middleware } from '../core/types.js';
import { detectEventSource, isHttpSource } from '../events/detect.js';
import { RefreshingCache } from './cache.js';
import { secretsContainer } from './container.js';
import { createFetcher, SecretFetchError, type RawSecret } from './fetchers.js';
import { SecretsUnavailableError, type SecretSpec, type SecretsOptions, type SecretsSettings } from './types.js';

const SETTING_KEYS = new Set(['ttl', 'maxAge', 'json', 'fetchTimeoutMs', 'clients', 'clientConfig', 'endpoints', 'now', 'logger']);

/** A spec names exactly one source by a string; settings objects (clients, endpoints) never do. */
function isSpec(value: unknown): value is SecretSpec {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (typeof v.secretsManager === 'string') !== (typeof v.ssm === 'string');
}

export function splitOptions(options: SecretsOptions): { settings: SecretsSettings; specs: Map<string, SecretSpec> } {
  const settings: Record<string, unknown> = {};
  const specs = new Map<string, SecretSpec>();
  for (const [name, value] of Object.entries(options)) {
    // Setting names are reserved: `endpoints: { secretsManager: url }` looks exactly like a spec.
    if (SETTING_KEYS.has(name)) {
      settings[name] = value;
    } else if (isSpec(value)) {
      if (name === 'toJSON') throw new TypeError('secrets(): toJSON is reserved');
      const source = 'secretsManager' in value ? value.secretsManager : value.ssm;
      if (source.length === 0) throw new TypeError(`secrets(): ${name} has an empty secret id`);
      specs.set(name, value);
    } else {
      throw new TypeError(`secrets(): ${name} must be { secretsManager: id } or { ssm: name }`);
    }
  }
  return { settings: settings as SecretsSettings, specs };
}

function decode(raw: RawSecret, asJson: boolean): unknown {
  if (!asJson) return raw.kind === 'text' ? raw.text : raw.bytes;
  const text = raw.kind === 'text' ? raw.text : raw.bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the offending text, which is secret: replace it entirely.
    throw new SecretFetchError('fetch_failed', 'InvalidJson');
  }
}

function describeFailure(error: unknown): Record<string, unknown> {
  if (error instanceof SecretFetchError) return { reason: error.reason, errorName: error.errorName, httpStatus: error.httpStatus };
  return { reason: 'fetch_failed', errorName: error instanceof Error ? error.name : typeof error };
}

export function secrets(options: SecretsOptions): Middleware {
  const { settings, specs } = splitOptions(options);
  if (specs.size === 0) throw new TypeError('secrets(): no secrets configured');
  const ttlMs = (settings.ttl ?? 300) * 1000;
  const maxAgeMs = (settings.maxAge ?? Math.max(3600, settings.ttl ?? 0)) * 1000;
  if (!(ttlMs >= 0) || !(maxAgeMs >= ttlMs)) throw new TypeError('secrets(): need 0 <= ttl <= maxAge');
  const emit = createEmitter(settings.logger);
  const fetchRaw = createFetcher(settings);
  const source = (spec: SecretSpec) => ('secretsManager' in spec ? { service: 'secretsmanager', id: spec.secretsManager } : { service: 'ssm', id: spec.ssm });

  const cache = new RefreshingCache<unknown>({
    ttlMs,
    maxAgeMs,
    now: settings.now ?? Date.now,
    onBackgroundError: (name, error) => emit({
      type: 'secrets.error', level: 'warn', message: 'background secret refresh failed; serving the cached value',
      secret: name, ...source(specs.get(name)!), stale: true, ...describeFailure(error),
    }),
  });

  const load = async (name: string, spec: SecretSpec) => decode(await fetchRaw(spec), spec.json ?? settings.json ?? false);

  return {
    async before(request) {
      const names = [...specs.keys()];
      const results = await Promise.allSettled(names.map((name) => cache.get(name, () => load(name, specs.get(name)!))));
      const values: Record<string, unknown> = {};
      let failed: string | undefined;
      results.forEach((result, i) => {
        const name = names[i]!;
        if (result.status === 'fulfilled') {
          values[name] = result.value;
          return;
        }
        failed ??= name;
        emit({ type: 'secrets.error', level: 'error', message: 'secret unavailable', secret: name, ...source(specs.get(name)!), stale: false, ...describeFailure(result.reason) }, request);
      });
      if (failed !== undefined) {
        if (isHttpSource(detectEventSource(request.event))) return jsonErrorResponse(503, request.context.awsRequestId);
        throw new SecretsUnavailableError(failed);
      }
      // Non-enumerable: a logger serialising the whole context must not pick the secrets up.
      Object.defineProperty(request.context, 'secrets', { value: secretsContainer(values), enumerable: false, configurable: true, writable: false });
      return undefined;
    },
  };
}
