import type { CorsConfig, SourceLocation } from '../../model/types.js';
import { rule, type RuleHit } from '../rule.js';

function hit(cors: CorsConfig, where: string, location: SourceLocation, ids: { function?: string; resource?: string }): RuleHit[] {
  if (!cors.allowCredentials || !cors.allowOrigins.some((origin) => origin.trim() === '*')) return [];
  return [{
    message: `${where} allows credentials from any origin (*): a page on any site can make credentialed requests where the origin is reflected, and the configuration shows origins were never pinned.`,
    location: cors.location ?? location,
    ...ids,
    evidence: `AllowOrigins: ${JSON.stringify(cors.allowOrigins)}, AllowCredentials: true`,
    key: 'cors',
  }];
}

export default rule({
  id: 'FG-API-002',
  title: 'CORS allows any origin together with credentials',
  description:
    'An API or function URL sets CORS AllowOrigins to `*` and AllowCredentials to true. Browsers refuse the literal combination, so such configurations are usually "fixed" by reflecting the request Origin, ' +
    "which lets any website read authenticated responses with the visitor's cookies or tokens.",
  severity: 'high',
  sas: 'SAS-3',
  cwe: 'CWE-942',
  profile: 'recommended',
  peers: {},
  remediation: 'List the exact origins that may call the API with credentials. Keep `*` only for public, unauthenticated, credential-less resources.',
  fix: {
    sam: [
      'HttpApi:',
      '  Type: AWS::Serverless::HttpApi',
      '  Properties:',
      '    CorsConfiguration:',
      '      AllowOrigins:',
      '        - https://app.example.com',
      '      AllowCredentials: true',
    ].join('\n'),
    serverless: [
      'provider:',
      '  httpApi:',
      '    cors:',
      '      allowedOrigins:',
      '        - https://app.example.com',
      '      allowCredentials: true',
    ].join('\n'),
  },
  check: (app) => [
    ...app.apis.flatMap((api) => (api.cors ? hit(api.cors, `API ${api.name}`, api.location, { resource: api.id }) : [])),
    ...app.functions.flatMap((fn) => (fn.url?.cors ? hit(fn.url.cors, `The function URL of ${fn.name}`, fn.url.location, { function: fn.id }) : [])),
  ],
});
