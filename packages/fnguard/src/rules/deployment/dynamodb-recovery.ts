import { asBoolean } from '../../model/values.js';
import { rule } from '../rule.js';
import { property, propertyPath, resourcesOfType } from '../support/model-queries.js';

export default rule({
  id: 'FG-DEPLOY-003',
  title: 'DynamoDB table without point-in-time recovery',
  description:
    'A DynamoDB table has no point-in-time recovery. A function with write access that is abused (injection, a stolen role) can overwrite or delete items with no way to restore the table to the minute before.',
  severity: 'low',
  sas: 'SAS-3',
  cwe: 'CWE-693',
  profile: 'strict',
  peers: { cdkNag: ['AwsSolutions-DDB3'], checkov: ['CKV_AWS_28'] },
  remediation: 'Enable point-in-time recovery (35 days of continuous backups).',
  fix: {
    sam: ['OrdersTable:', '  Type: AWS::DynamoDB::Table', '  Properties:', '    PointInTimeRecoverySpecification:', '      PointInTimeRecoveryEnabled: true'].join('\n'),
    serverless: ['resources:', '  Resources:', '    OrdersTable:', '      Type: AWS::DynamoDB::Table', '      Properties:', '        PointInTimeRecoverySpecification:', '          PointInTimeRecoveryEnabled: true'].join('\n'),
  },
  check: (app) =>
    resourcesOfType(app, 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable')
      .filter((table) => {
        const direct = asBoolean(propertyPath(table.properties, 'PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'));
        const replicas = property(table.properties, 'Replicas');
        const replicaPitr = Array.isArray(replicas) && replicas.length > 0 && replicas.every((replica) => asBoolean(propertyPath(replica, 'PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled')) === true);
        return direct !== true && !replicaPitr;
      })
      .map((table) => ({ message: `Table ${table.id} has no point-in-time recovery.`, location: table.location, resource: table.id, key: 'pitr' })),
});
