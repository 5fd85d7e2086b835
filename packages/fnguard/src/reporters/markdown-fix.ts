import type { Rule } from '../rules/rule.js';

/** Description, remediation and both pasteable fixes, as markdown lines: the body of SARIF help and of docs/rules.md. */
export function ruleAdviceMarkdown(rule: Rule): string[] {
  const parts = [rule.description, '', `**Remediation.** ${rule.remediation}`];
  if (rule.fix.sam !== undefined) parts.push('', 'SAM / CloudFormation:', '', '```yaml', rule.fix.sam, '```');
  if (rule.fix.serverless !== undefined) parts.push('', 'serverless.yml:', '', '```yaml', rule.fix.serverless, '```');
  return parts;
}

/** The help shown next to a finding (SARIF help): title, then the rule's advice. */
export function ruleHelpMarkdown(rule: Rule): string {
  return [`**${rule.title}** (${rule.sas}, ${rule.cwe})`, '', ...ruleAdviceMarkdown(rule)].join('\n');
}

export function ruleHelpText(rule: Rule): string {
  const parts = [rule.description, '', `Remediation: ${rule.remediation}`];
  if (rule.fix.sam !== undefined) parts.push('', 'SAM / CloudFormation:', rule.fix.sam);
  if (rule.fix.serverless !== undefined) parts.push('', 'serverless.yml:', rule.fix.serverless);
  return parts.join('\n');
}
