export { secrets } from './middleware.js';
export { SecretsUnavailableError, type AwsClientLike, type SecretSpec, type SecretsManagerSpec, type SecretsOptions, type SecretsSettings, type SsmSpec, type SecretValue } from './types.js';
