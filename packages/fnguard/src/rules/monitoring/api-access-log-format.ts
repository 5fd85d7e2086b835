import type { Api, App, ApiStage } from '../../model/types.js';
import { rule, type RuleHit } from '../rule.js';

const CONTEXT_VARIABLE = /\$context\.[A-Za-z0-9_.-]*[A-Za-z0-9_-]/g;

export type FormatVerdict =
  | { kind: 'json' }
  | { kind: 'text' }
  /** JSON-shaped, but some $context variables are not quoted: a line breaks when one is empty (`-`) */
  | { kind: 'unquoted'; variables: string[] }
  /** JSON-shaped but not JSON whatever the values (a missing comma, a stray quote) */
  | { kind: 'malformed'; error: string };

function parses(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    // positions refer to the text with variables substituted, not to the template: leave them out
    return (error instanceof Error ? error.message : String(error)).replace(/ in JSON at position \d+.*$/s, '');
  }
}

/**
 * API Gateway writes `-` for a variable with no value (no error message, no authorizer claim),
 * so a format is JSON for every request only if it still parses when each variable is `-`.
 */
export function judgeFormat(format: string): FormatVerdict {
  const trimmed = format.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return { kind: 'text' };
  if (parses(trimmed.replace(CONTEXT_VARIABLE, '-')) === undefined) return { kind: 'json' };
  const withValues = parses(trimmed.replace(CONTEXT_VARIABLE, '0'));
  if (withValues !== undefined) return { kind: 'malformed', error: withValues };
  // Which variables sit outside quotes: those whose replacement by `-` alone breaks the parse.
  const variables = [...new Set(trimmed.match(CONTEXT_VARIABLE) ?? [])].filter((variable) =>
    parses(trimmed.replace(CONTEXT_VARIABLE, (match) => (match === variable ? '-' : '0'))) !== undefined);
  return { kind: 'unquoted', variables };
}

function stageLabel(api: Api, stage: ApiStage): string {
  return `Stage ${stage.name} of API ${api.name}`;
}

/**
 * A stage with a destination and no Format. API Gateway needs a format to write access logs;
 * the Serverless Framework fills one in, text for REST APIs and JSON for HTTP APIs.
 */
function missingFormatHit(app: App, api: Api, stage: ApiStage): RuleHit[] {
  if (app.framework === 'serverless') {
    if (api.kind !== 'rest') return [];
    return [{
      message: `${stageLabel(api, stage)} uses the Serverless Framework's default access-log format, which is text ("requestId: ..., ip: ..."), not JSON.`,
      location: stage.location ?? api.location,
      resource: api.id,
      evidence: 'provider.logs.restApi without format',
      key: `format:${stage.name}`,
    }];
  }
  return [{
    message: `${stageLabel(api, stage)} names an access-log destination but no Format: API Gateway writes no access log without one, and it should be a JSON object of $context variables.`,
    location: stage.location ?? api.location,
    resource: api.id,
    evidence: 'AccessLogSetting without Format',
    key: `format:${stage.name}`,
  }];
}

export default rule({
  id: 'FG-LOG-003',
  title: 'API access logs are not structured',
  description:
    'An API stage writes access logs in a text format (CLF or custom), which log queries and SIEM rules cannot filter by field. Also reported: a JSON-looking format that is not valid JSON ' +
    '(a missing comma), a JSON format with unquoted $context variables (API Gateway writes `-` for an empty value, so such lines stop being JSON exactly when something went wrong, ' +
    'for example `"integrationStatus": $context.integrationStatus`), and a stage that names a log destination without any Format (API Gateway needs one; the Serverless Framework ' +
    'default for REST APIs is text). cdk-nag Serverless-APIGWStructuredLogging parses the raw format as JSON, so it reports the same three cases; unlike it, fnguard does not report ' +
    'an AccessLogSetting written as Fn::If, which it cannot evaluate.',
  severity: 'low',
  sas: 'SAS-5',
  cwe: 'CWE-778',
  profile: 'strict',
  peers: { cdkNag: ['Serverless-APIGWStructuredLogging'], serverlessRules: ['WS2001'] },
  remediation: 'Write the access-log format as a JSON object of $context variables, each value in quotes.',
  fix: {
    sam: ['AccessLogSetting:', '  DestinationArn: !GetAtt ApiAccessLogs.Arn', '  Format: \'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}\''].join('\n'),
    serverless: ['provider:', '  logs:', '    restApi:', '      format: \'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}\''].join('\n'),
  },
  check: (app) =>
    app.apis.flatMap((api) =>
      api.stages.flatMap((stage): RuleHit[] => {
        const logging = stage.accessLogging;
        if (logging === undefined) return [];
        if (logging.format === undefined) return logging.destination === undefined ? [] : missingFormatHit(app, api, stage);
        const verdict = judgeFormat(logging.format);
        if (verdict.kind === 'json') return [];
        const message = verdict.kind === 'text'
          ? `${stageLabel(api, stage)} writes access logs as text, not JSON.`
          : verdict.kind === 'malformed'
            ? `${stageLabel(api, stage)} has an access-log format that looks like JSON but is not (${verdict.error}): every line fails to parse.`
            : `${stageLabel(api, stage)} writes ${verdict.variables.join(', ')} without quotes: when a value is missing API Gateway writes \`-\` and the line is no longer JSON.`;
        return [{
          message,
          location: stage.location ?? api.location,
          resource: api.id,
          evidence: `Format: ${logging.format.slice(0, 120)}`,
          key: `format:${stage.name}`,
        }];
      }),
    ),
});
