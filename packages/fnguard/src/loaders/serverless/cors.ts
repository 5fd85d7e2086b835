/**
 * The Framework's CORS settings (REST `http.cors`, `provider.httpApi.cors`, `url.cors`) as one
 * shape. `cors: true` means any origin, which is what rules need to see.
 */
import type { CorsConfig, SourceLocation } from '../../model/types.js';
import { asBoolean, asStringList, isRecord } from '../../model/values.js';

export function readCors(value: unknown, location: SourceLocation): CorsConfig | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  if (value === true) return { allowOrigins: ['*'], allowCredentials: false, location };
  if (!isRecord(value)) return undefined;
  const origins = [
    ...asStringList(value.origin),
    ...asStringList(value.origins),
    ...asStringList(value.allowedOrigins),
  ];
  const cors: CorsConfig = {
    allowOrigins: origins.length > 0 ? origins : ['*'],
    allowCredentials: asBoolean(value.allowCredentials) ?? false,
    location,
  };
  const methods = [...asStringList(value.methods), ...asStringList(value.allowedMethods)];
  if (methods.length > 0) cors.allowMethods = methods;
  const headers = [...asStringList(value.headers), ...asStringList(value.allowedHeaders)];
  if (headers.length > 0) cors.allowHeaders = headers;
  return cors;
}
