import { rule } from '../rule.js';

/** A JSON access-log format is an object literal of $context variables. */
function isJsonFormat(format: string): boolean {
  const trimmed = format.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return false;
  try {
    JSON.parse(trimmed.replace(/\$context\.[A-Za-z0-9_.-]+/g, '0'));
    return true;
  } catch {
    return /^\{\s*"[^"]+"\s*:/.test(trimmed);
  }
}

export default rule({
  id: 'FG-LOG-003',
  title: 'API access logs are not structured',
  description: 'An API stage writes access logs in a text format (CLF or custom), which log queries and SIEM rules cannot filter by field.',
  severity: 'low',
  sas: 'SAS-5',
  cwe: 'CWE-778',
  profile: 'strict',
  peers: { cdkNag: ['Serverless-APIGWStructuredLogging'], serverlessRules: ['WS2001'] },
  remediation: 'Write the access-log format as a JSON object of $context variables.',
  fix: {
    sam: ['AccessLogSetting:', '  DestinationArn: !GetAtt ApiAccessLogs.Arn', '  Format: \'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}\''].join('\n'),
    serverless: ['provider:', '  logs:', '    restApi:', '      format: \'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}\''].join('\n'),
  },
  check: (app) =>
    app.apis.flatMap((api) =>
      api.stages
        .filter((stage) => stage.accessLogging?.format !== undefined && !isJsonFormat(stage.accessLogging.format))
        .map((stage) => ({
          message: `Stage ${stage.name} of API ${api.name} writes access logs as text, not JSON.`,
          location: stage.location ?? api.location,
          resource: api.id,
          evidence: `Format: ${stage.accessLogging!.format!.slice(0, 120)}`,
          key: `format:${stage.name}`,
        })),
    ),
});
