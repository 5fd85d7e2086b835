import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildFunction, buildRole, buildStatement } from '../../../test/helpers/app-builder.js';
import { type RoleRiskSummary, loadIamCatalog } from '../../analyzers/iam/index.js';
import { functionIamRisk } from './role-risk.js';

describe('functionIamRisk', () => {
  const app = buildApp({
    functions: [
      buildFunction('Api', { roleId: 'Shared' }),
      buildFunction('Worker', { roleId: 'Shared' }),
      buildFunction('Admin', { roleId: 'AdminRole' }),
      buildFunction('External', { externalRoleArn: 'arn:aws:iam::123456789012:role/elsewhere' }),
    ],
    roles: [
      buildRole('Shared', { usedBy: ['Api', 'Worker'], statements: [buildStatement({ Action: ['secretsmanager:getsecretvalue'], Resource: ['*'] })] }),
      buildRole('AdminRole', { usedBy: ['Admin'], managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }),
    ],
  });
  let risk: Map<string, RoleRiskSummary>;

  beforeAll(async () => {
    await loadIamCatalog();
    risk = functionIamRisk(app);
  });

  it('maps each function to the summary of its role', () => {
    expect([...risk.keys()].sort()).toEqual(['Admin', 'Api', 'Worker']);
    expect(risk.get('Api')?.roleId).toBe('Shared');
    expect(risk.get('Api')?.sharedBy).toBe(2);
    expect(risk.get('Api')?.exfiltration.map((reach) => reach.id)).toEqual(['secrets-read-all']);
    expect(risk.get('Admin')?.adminLike).toBe(true);
    expect(risk.get('Admin')?.managedPolicyRisks.map((policy) => policy.kind)).toEqual(['admin']);
  });

  it('computes a shared role once', () => {
    expect(risk.get('Api')).toBe(risk.get('Worker'));
  });

  it('leaves out functions whose role is not in the app', () => {
    expect(risk.has('External')).toBe(false);
  });

  it('falls back to the role\'s usedBy when the function names no role', () => {
    const handBuilt = buildApp({
      functions: [buildFunction('Fn')],
      roles: [buildRole('R', { usedBy: ['Fn'], statements: [buildStatement({ Action: ['lambda:updatefunctioncode'], Resource: ['*'] })] })],
    });
    expect(functionIamRisk(handBuilt).get('Fn')?.escalations.map((escalation) => escalation.id)).toEqual(['lambda-update-function-code']);
  });

  it('is empty for an app without roles', () => {
    expect(functionIamRisk(buildApp({ functions: [buildFunction('Fn')] })).size).toBe(0);
  });
});
