import { describe, expect, it } from 'vitest';
import { createApp } from '../../model/build.js';
import { TemplateContext } from '../cloudformation/template.js';
import { parseTemplateText } from '../yaml/parse.js';
import { expandSam } from './expand.js';

function warnings(resources: string): string[] {
  const template = new TemplateContext(parseTemplateText(`Transform: AWS::Serverless-2016-10-31\nResources:\n${resources}`, 'template.yaml'));
  const app = createApp({ name: 't', framework: 'sam', path: 'template.yaml' });
  expandSam(template, app);
  return app.warnings.map((w) => `${w.code}: ${w.message}`);
}

const FN = `
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k.zip
      Handler: index.handler
      Runtime: nodejs20.x`;

describe('translator errors found statically', () => {
  it('accepts a minimal valid function', () => {
    expect(warnings(FN)).toEqual([]);
  });

  it.each([
    ['a Zip function without a runtime', '  Fn: {Type: AWS::Serverless::Function, Properties: {InlineCode: x, Handler: h}}', 'Runtime and Handler are required'],
    ['a CodeUri of the wrong type', '  Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: [a], Handler: h, Runtime: nodejs20.x}}', 'CodeUri must be a path'],
    ['a Role of the wrong type', `${FN}\n      Role: [arn]`, 'Role must be an ARN'],
    ['Layers that are not a list', `${FN}\n      Layers: arn:aws:lambda:us-east-1:1:layer:l:1`, 'Layers must be a list'],
    ['a deployment preference without an alias', `${FN}\n      DeploymentPreference: {Type: AllAtOnce}`, 'DeploymentPreference requires AutoPublishAlias'],
    ['a function URL without AuthType', `${FN}\n      FunctionUrlConfig: {InvokeMode: BUFFERED}`, 'FunctionUrlConfig needs an AuthType'],
    ['a clash with the generated role id', `${FN}\n  FnRole: {Type: AWS::SNS::Topic}`, 'already declares'],
    ['an event on an API that does not exist', `${FN}\n      Events: {E: {Type: Api, Properties: {RestApiId: Nowhere, Path: /x, Method: get}}}`, 'RestApiId Nowhere is not an API'],
    ['an event with a computed API id', `${FN}\n      Events: {E: {Type: Api, Properties: {RestApiId: !GetAtt A.RootResourceId, Path: /x, Method: get}}}`, 'RestApiId must be the logical id'],
    ['a path without a leading slash', `${FN}\n      Events: {E: {Type: Api, Properties: {Path: x, Method: get}}}`, 'Path must be a string starting with /'],
    ['an HttpApi event with a path and no method', `${FN}\n      Events: {E: {Type: HttpApi, Properties: {Path: /x}}}`, 'needs both Path and Method'],
    ['the same route twice', `${FN}\n      Events:\n        A: {Type: Api, Properties: {Path: /x, Method: get}}\n        B: {Type: Api, Properties: {Path: /x, Method: GET}}`, 'GET /x is already defined'],
    ['a queue event without a queue', `${FN}\n      Events: {E: {Type: SQS, Properties: {BatchSize: 1}}}`, 'SQS events need Queue'],
    ['an S3 event on a bucket outside the template', `${FN}\n      Events: {E: {Type: S3, Properties: {Bucket: my-bucket, Events: 's3:ObjectCreated:*'}}}`, 'must reference an AWS::S3::Bucket'],
    ['a rule DLQ with both Arn and Type', `${FN}\n      Events: {E: {Type: Schedule, Properties: {Schedule: rate(1 day), DeadLetterConfig: {Arn: a, Type: SQS}}}}`, 'exactly one of Arn and Type'],
    ['a rule DLQ of another type', `${FN}\n      Events: {E: {Type: Schedule, Properties: {Schedule: rate(1 day), DeadLetterConfig: {Type: SNS}}}}`, 'Type must be SQS'],
    ['an MQ source without BASIC_AUTH', `${FN}\n      Events: {E: {Type: MQ, Properties: {Broker: b, Queues: [q], SourceAccessConfigurations: [{Type: VIRTUAL_HOST, URI: v}]}}}`, 'exactly one BASIC_AUTH'],
    ['a Cognito user pool that is not a Ref', `${FN}\n      Events: {E: {Type: Cognito, Properties: {UserPool: pool, Trigger: PreSignUp}}}`, 'UserPool must be a Ref'],
    ['an empty stage name', '  A: {Type: AWS::Serverless::Api, Properties: {StageName: ""}}', 'StageName cannot be empty'],
    ['a DefinitionBody that is not a map', '  A: {Type: AWS::Serverless::Api, Properties: {StageName: v1, DefinitionBody: [1]}}', 'DefinitionBody must be a map'],
    ['an OpenAPI path that is not a map', '  A: {Type: AWS::Serverless::Api, Properties: {StageName: v1, DefinitionBody: {paths: {/x: 3}}}}', 'path /x must be a map'],
    ['security entries that are not maps', '  A: {Type: AWS::Serverless::Api, Properties: {StageName: v1, DefinitionBody: {paths: {/x: {get: {security: [Auth]}}}}}}', 'must be a list of maps'],
    ['credentials with a wildcard origin', `  A: {Type: AWS::Serverless::Api, Properties: {StageName: v1, Cors: {AllowOrigin: "'*'", AllowCredentials: true}}}`, 'AllowCredentials cannot be true'],
    ['an unknown CORS key', '  A: {Type: AWS::Serverless::HttpApi, Properties: {CorsConfiguration: {AllowOrigin: x}}}', "'AllowOrigin' is not a CorsConfiguration property"],
    ['CORS on an external definition', '  A: {Type: AWS::Serverless::Api, Properties: {StageName: v1, DefinitionUri: s3://b/k, Cors: "\'*\'"}}', 'Cors only works with an inline DefinitionBody'],
    ['an authorizer Identity that is not a map', '  A: {Type: AWS::Serverless::Api, Properties: {StageName: v1, Auth: {Authorizers: {L: {FunctionArn: arn, Identity: [h]}}}}}', 'Identity of authorizer L must be a map'],
    ['a JwtConfiguration that is not a map', '  A: {Type: AWS::Serverless::HttpApi, Properties: {Auth: {Authorizers: {J: {JwtConfiguration: [x]}}}}}', 'JwtConfiguration of authorizer J must be a map'],
    ['a table key without a type', '  T: {Type: AWS::Serverless::SimpleTable, Properties: {PrimaryKey: {Name: id}}}', 'PrimaryKey needs Name and Type'],
    ['a table key of an unknown type', '  T: {Type: AWS::Serverless::SimpleTable, Properties: {PrimaryKey: {Name: id, Type: bogus}}}', 'PrimaryKey Type must be'],
  ])('reports %s', (_what, resources, expected) => {
    expect(warnings(resources).some((w) => w.includes(expected))).toBe(true);
  });

  it('does not report what the translator accepts', () => {
    expect(warnings(`${FN}\n      InlineCode: x`)).toEqual([]);
    // sam build packages the template folder when CodeUri is left out.
    expect(warnings('  Fn: {Type: AWS::Serverless::Function, Properties: {Handler: h, Runtime: nodejs20.x}}')).toEqual([]);
    expect(warnings(`${FN}\n      DeploymentPreference: {Enabled: 'False'}`)).toEqual([]);
    expect(warnings(`${FN}\n      Events: {E: {Type: HttpApi, Properties: {ApiId: !Ref A, Path: /x, Method: get}}}\n  A: {Type: AWS::Serverless::Api, Properties: {StageName: v1}}`)).toEqual([]);
    expect(warnings('  A: {Type: AWS::Serverless::Api, Properties: {StageName: v1, DefinitionBody: {paths: {/x: {get: null, parameters: [1]}}}}}')).toEqual([]);
  });
});
