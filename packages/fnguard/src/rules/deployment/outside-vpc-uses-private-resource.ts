import type { App, Resource, ServerlessFunction } from '../../model/types.js';
import { asBoolean, referencedIds } from '../../model/values.js';
import { rule } from '../rule.js';
import { property, propertyPath } from '../support/model-queries.js';

/** Resource types that live in a VPC and are reached over the network, not through an AWS API endpoint. */
const NETWORK_RESOURCES: Readonly<Record<string, string>> = {
  'AWS::RDS::DBInstance': 'database',
  'AWS::RDS::DBCluster': 'database cluster',
  'AWS::RDS::DBProxy': 'database proxy',
  'AWS::ElastiCache::CacheCluster': 'cache cluster',
  'AWS::ElastiCache::ReplicationGroup': 'cache',
  'AWS::ElastiCache::ServerlessCache': 'cache',
  'AWS::MemoryDB::Cluster': 'MemoryDB cluster',
  'AWS::DocDB::DBCluster': 'DocumentDB cluster',
  'AWS::Neptune::DBCluster': 'Neptune cluster',
  'AWS::OpenSearchService::Domain': 'OpenSearch domain',
  'AWS::Elasticsearch::Domain': 'Elasticsearch domain',
  'AWS::MSK::Cluster': 'Kafka cluster',
};

function publiclyAccessible(resource: Resource): boolean {
  if (asBoolean(property(resource.properties, 'PubliclyAccessible')) === true) return true;
  // A search domain without VPCOptions has a public endpoint.
  return (resource.type === 'AWS::OpenSearchService::Domain' || resource.type === 'AWS::Elasticsearch::Domain') && propertyPath(resource.properties, 'VPCOptions') === undefined;
}

function networkResourcesUsed(app: App, fn: ServerlessFunction): Resource[] {
  const ids = new Set(fn.environment.flatMap((variable) => (variable.value === undefined ? [] : referencedIds(variable.value))));
  return app.resources.filter((resource) => ids.has(resource.id) && resource.type in NETWORK_RESOURCES);
}

export default rule({
  id: 'FG-DEPLOY-005',
  title: 'Function outside a VPC uses a network-only resource',
  description:
    'A function with no VPC configuration is given the endpoint of a database, cache or search domain declared in the app. Either that resource is reachable from the internet, ' +
    'which is the only way the function can connect to it, or the function cannot reach it at all. When the resource is marked publicly accessible the severity is high.',
  severity: 'medium',
  sas: 'SAS-3',
  cwe: 'CWE-668',
  profile: 'recommended',
  peers: { checkov: ['CKV_AWS_117'] },
  remediation: 'Put the function in the VPC (private subnets, a security group allowed by the resource) and keep the resource private; reach AWS APIs from the VPC through VPC endpoints.',
  fix: {
    sam: ['OrdersFunction:', '  Type: AWS::Serverless::Function', '  Properties:', '    VpcConfig:', '      SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]', '      SecurityGroupIds: [!Ref FunctionSecurityGroup]'].join('\n'),
    serverless: ['provider:', '  vpc:', '    subnetIds: [subnet-private-a, subnet-private-b]', '    securityGroupIds: [sg-function]'].join('\n'),
  },
  check: (app) =>
    app.functions
      .filter((fn) => fn.vpc === undefined)
      .flatMap((fn) =>
        networkResourcesUsed(app, fn).map((resource) => ({
          message: `Function ${fn.name} runs outside a VPC but uses ${NETWORK_RESOURCES[resource.type]} ${resource.id}${publiclyAccessible(resource) ? ', which is publicly accessible' : ', which it can only reach if the resource is exposed to the internet'}.`,
          location: fn.location,
          function: fn.id,
          resource: resource.id,
          ...(publiclyAccessible(resource) ? { severity: 'high' as const } : {}),
          key: `vpc:${resource.id}`,
        })),
      ),
});
