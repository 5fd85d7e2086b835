import type { Rule } from '../rules/rule.js';

/** The help shown next to a finding (SARIF help, rule docs): remediation plus both pasteable fixes. */
export function ruleHelpMarkdown(rule: Rule): string {
  const parts = [`**${rule.title}** (${rule.sas}, ${rule.cwe})`, '', rule.description, '', `**Remediation.** ${rule.remediation}`];
  if (rule.fix.sam !== undefined) parts.push('', 'SAM / CloudFormation:', '', '```yaml', rule.fix.sam, '```');
  if (rule.fix.serverless !== undefined) parts.push('', 'serverless.yml:', '', '```yaml', rule.fix.serverless, '```');
  return parts.join('\n');
}

export function ruleHelpText(rule: Rule): string {
  const parts = [rule.description, '', `Remediation: ${rule.remediation}`];
  if (rule.fix.sam !== undefined) parts.push('', 'SAM / CloudFormation:', rule.fix.sam);
  if (rule.fix.serverless !== undefined) parts.push('', 'serverless.yml:', rule.fix.serverless);
  return parts.join('\n');
}
