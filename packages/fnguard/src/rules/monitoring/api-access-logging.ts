import type { Api, ApiStage } from '../../model/types.js';
import { rule, type RuleHit } from '../rule.js';
import { isPublicApi } from '../support/model-queries.js';

function stageLabel(api: Api, stage: ApiStage | undefined): string {
  return stage ? `stage ${stage.name} of API ${api.name}` : `API ${api.name}`;
}

export default rule({
  id: 'FG-LOG-002',
  title: 'API stage without access logging',
  description:
    'An API Gateway stage writes no access logs, so there is no record of who called which route, from where, with what result: the first thing an investigation needs. ' +
    'Reported at medium severity for APIs with public routes, low otherwise. ' +
    'A stage whose access log setting sits under an Fn::If that the parameters do not decide (for example logs in production only) is reported as an info note naming the condition, since whether it logs depends on how the stack is deployed.',
  severity: 'medium',
  sas: 'SAS-5',
  cwe: 'CWE-778',
  profile: 'recommended',
  peers: { cdkNag: ['AwsSolutions-APIG1', 'Serverless-APIGWAccessLogging'], serverlessRules: ['ES2000'], checkov: ['CKV_AWS_76', 'CKV_AWS_95'] },
  remediation: 'Send access logs to a CloudWatch log group in JSON, with the request id, source IP, caller identity, route, status and latency.',
  fix: {
    sam: [
      'Api:',
      '  Type: AWS::Serverless::Api',
      '  Properties:',
      '    AccessLogSetting:',
      '      DestinationArn: !GetAtt ApiAccessLogs.Arn',
      '      Format: \'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","caller":"$context.identity.caller","route":"$context.resourcePath","status":"$context.status","latency":"$context.responseLatency"}\'',
    ].join('\n'),
    serverless: ['provider:', '  logs:', '    restApi: true', '    httpApi: true'].join('\n'),
  },
  check: (app) =>
    app.apis.flatMap((api) => {
      const severity = isPublicApi(app, api) ? 'medium' as const : 'low' as const;
      const stages = api.stages.length > 0 ? api.stages : [undefined];
      return stages.flatMap((stage): RuleHit[] => {
        const logging = stage?.accessLogging;
        const base = { location: stage?.location ?? api.location, resource: api.id, key: `access-log:${stage?.name ?? '*'}` };
        if (logging?.destination === undefined) {
          return [{ ...base, message: `The ${stageLabel(api, stage)} writes no access logs.`, severity }];
        }
        if (logging.conditions !== undefined && logging.conditions.length > 0) {
          const when = logging.conditions.map(({ name, holds }) => `${name} is ${holds}`).join(' and ');
          return [{
            ...base,
            message: `The ${stageLabel(api, stage)} writes access logs only when condition ${when}; deployed otherwise, it writes none.`,
            severity: 'info',
          }];
        }
        return [];
      });
    }),
});
