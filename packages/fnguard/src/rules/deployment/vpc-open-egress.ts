import type { App, Resource } from '../../model/types.js';
import { asString } from '../../model/values.js';
import { rule } from '../rule.js';
import { property, referencedId } from '../support/model-queries.js';

function allowsAllEgress(group: Resource, app: App): boolean {
  const inline = property(group.properties, 'SecurityGroupEgress');
  // CloudFormation adds an allow-all egress rule when a group declares none.
  const rules: unknown[] = inline === undefined ? [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }] : Array.isArray(inline) ? inline : [];
  for (const egress of app.resources.filter((r) => r.type === 'AWS::EC2::SecurityGroupEgress' && referencedId(property(r.properties, 'GroupId')) === group.id)) {
    rules.push(egress.properties);
  }
  return rules.some((entry) => {
    const cidr = asString(property(entry, 'CidrIp')) ?? asString(property(entry, 'CidrIpv6'));
    const protocol = asString(property(entry, 'IpProtocol'));
    return (cidr === '0.0.0.0/0' || cidr === '::/0') && (protocol === '-1' || protocol === 'all');
  });
}

export default rule({
  id: 'FG-DEPLOY-004',
  title: 'Function in a VPC with unrestricted egress',
  description:
    'A function runs in a VPC whose security group allows all outbound traffic to 0.0.0.0/0 (the CloudFormation default when no egress rule is declared). ' +
    'Code that is made to misbehave can send data anywhere the VPC routes to; the VPC then protects nothing on the way out.',
  severity: 'low',
  sas: 'SAS-3',
  cwe: 'CWE-923',
  profile: 'strict',
  peers: {},
  remediation: 'Declare egress rules for the ports and destinations the function needs (VPC endpoints, the database security group, a NAT for named partners) and remove the default allow-all rule.',
  fix: {
    sam: [
      'FunctionSecurityGroup:',
      '  Type: AWS::EC2::SecurityGroup',
      '  Properties:',
      '    GroupDescription: orders function',
      '    VpcId: !Ref Vpc',
      '    SecurityGroupEgress:',
      '      - IpProtocol: tcp',
      '        FromPort: 5432',
      '        ToPort: 5432',
      '        DestinationSecurityGroupId: !Ref DatabaseSecurityGroup',
    ].join('\n'),
    serverless: [
      'resources:',
      '  Resources:',
      '    FunctionSecurityGroup:',
      '      Type: AWS::EC2::SecurityGroup',
      '      Properties:',
      '        GroupDescription: orders function',
      '        VpcId: !Ref Vpc',
      '        SecurityGroupEgress:',
      '          - {IpProtocol: tcp, FromPort: 443, ToPort: 443, DestinationPrefixListId: pl-63a5400a}',
    ].join('\n'),
  },
  check: (app) =>
    app.functions.flatMap((fn) => {
      const groups = (fn.vpc?.securityGroupIds ?? [])
        .map((id) => app.resources.find((resource) => resource.id === referencedId(id) && resource.type === 'AWS::EC2::SecurityGroup'))
        .filter((group): group is Resource => group !== undefined);
      const open = groups.filter((group) => allowsAllEgress(group, app));
      if (open.length === 0) return [];
      return [{
        message: `Function ${fn.name} runs in security group ${open.map((group) => group.id).join(', ')}, which allows all egress to the internet.`,
        location: fn.location,
        function: fn.id,
        resource: open[0]!.id,
        key: 'egress',
      }];
    }),
});
