import { buildApp, buildEnv, buildFunction, buildResource } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import outsideVpcUsesPrivateResource from './outside-vpc-uses-private-resource.js';

const dbHost = buildEnv('DB_HOST', { value: '${Database.Endpoint.Address}', reference: 'resource' });

testRule(outsideVpcUsesPrivateResource, {
  valid: [
    { name: 'function in the VPC', app: buildApp({ functions: [buildFunction('Fn', { environment: [dbHost], vpc: { subnetIds: ['a'], securityGroupIds: ['b'] } })], resources: [buildResource('Database', 'AWS::RDS::DBInstance')] }) },
    { name: 'function using DynamoDB (an API, not a network resource)', app: buildApp({ functions: [buildFunction('Fn', { environment: [buildEnv('TABLE', { value: '${Orders}' })] })], resources: [buildResource('Orders', 'AWS::DynamoDB::Table')] }) },
  ],
  invalid: [
    { name: 'private database', app: buildApp({ functions: [buildFunction('Fn', { environment: [dbHost] })], resources: [buildResource('Database', 'AWS::RDS::DBInstance')] }), hits: [{ severity: 'medium', resource: 'Database', message: ['only reach if the resource is exposed'] }] },
    { name: 'public database', app: buildApp({ functions: [buildFunction('Fn', { environment: [dbHost] })], resources: [buildResource('Database', 'AWS::RDS::DBInstance', { PubliclyAccessible: true })] }), hits: [{ severity: 'high', message: ['publicly accessible'] }] },
    { name: 'search domain without VPC options', app: buildApp({ functions: [buildFunction('Fn', { environment: [buildEnv('SEARCH', { value: 'https://${Search.DomainEndpoint}' })] })], resources: [buildResource('Search', 'AWS::OpenSearchService::Domain')] }), hits: [{ severity: 'high' }] },
  ],
});
