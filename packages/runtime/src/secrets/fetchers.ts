/**
 * Reads one secret through the AWS SDK v3. Both client packages are optional peer dependencies,
 * imported the first time a secret from that service is needed, so a function using only SSM
 * never loads the Secrets Manager client (cold start) and does not need it installed.
 */
import type { AwsClientLike, SecretSpec, SecretsSettings } from './types.js';

type SmModule = typeof import('@aws-sdk/client-secrets-manager');
type SsmModule = typeof import('@aws-sdk/client-ssm');

/** Raw secret material before optional JSON parsing. */
export type RawSecret = { kind: 'text'; text: string } | { kind: 'binary'; bytes: Buffer };

export class SecretFetchError extends Error {
  constructor(readonly reason: 'empty' | 'fetch_failed' | 'timeout', readonly errorName?: string, readonly httpStatus?: number) {
    super(`secret fetch failed: ${reason}`);
    this.name = 'SecretFetchError';
  }
}

export function createFetcher(settings: SecretsSettings): (spec: SecretSpec) => Promise<RawSecret> {
  let sm: Promise<{ mod: SmModule; client: AwsClientLike }> | undefined;
  let ssm: Promise<{ mod: SsmModule; client: AwsClientLike }> | undefined;
  const timeoutMs = settings.fetchTimeoutMs ?? 3000;

  const config = (endpoint: string | undefined) => ({ ...settings.clientConfig, ...(endpoint ? { endpoint } : {}) });

  const loadSm = () => (sm ??= import('@aws-sdk/client-secrets-manager').then((mod) => ({
    mod,
    client: settings.clients?.secretsManager ?? new mod.SecretsManagerClient(config(settings.endpoints?.secretsManager)),
  })));
  const loadSsm = () => (ssm ??= import('@aws-sdk/client-ssm').then((mod) => ({
    mod,
    client: settings.clients?.ssm ?? new mod.SSMClient(config(settings.endpoints?.ssm)),
  })));

  async function send(client: AwsClientLike, command: unknown): Promise<Record<string, unknown>> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    timer.unref();
    try {
      return (await client.send(command, { abortSignal: abort.signal })) as Record<string, unknown>;
    } catch (error) {
      if (abort.signal.aborted) throw new SecretFetchError('timeout');
      // Keep only the error's class and status: AWS messages can quote ARNs and account ids.
      const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
      throw new SecretFetchError('fetch_failed', typeof e?.name === 'string' ? e.name : undefined, typeof e?.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined);
    } finally {
      clearTimeout(timer);
    }
  }

  return async (spec) => {
    if ('secretsManager' in spec) {
      const { mod, client } = await loadSm();
      const out = await send(client, new mod.GetSecretValueCommand({
        SecretId: spec.secretsManager,
        ...(spec.versionStage ? { VersionStage: spec.versionStage } : {}),
        ...(spec.versionId ? { VersionId: spec.versionId } : {}),
      }));
      if (typeof out.SecretString === 'string') return { kind: 'text', text: out.SecretString };
      if (out.SecretBinary instanceof Uint8Array) return { kind: 'binary', bytes: Buffer.from(out.SecretBinary) };
      throw new SecretFetchError('empty');
    }
    const { mod, client } = await loadSsm();
    const out = await send(client, new mod.GetParameterCommand({ Name: spec.ssm, WithDecryption: spec.decrypt ?? true }));
    const value = (out.Parameter as { Value?: unknown } | undefined)?.Value;
    if (typeof value === 'string') return { kind: 'text', text: value };
    throw new SecretFetchError('empty');
  };
}
