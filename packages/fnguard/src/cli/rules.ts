import { renderRulesJson, renderRulesMarkdown, renderRulesText } from '../reporters/rules.js';
import { RULES } from '../rules/index.js';
import { oneOf, parse } from './args.js';
import { UsageError } from './errors.js';
import { RULES_HELP } from './help.js';
import type { CliIO } from './io.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

export function rulesCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parse('rules', args, {
    format: { type: 'string', short: 'f' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout.write(RULES_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`'rules' takes no arguments, got ${positionals.join(' ')}`, 'rules');
  const format = oneOf('format', values.format, FORMATS, 'text', 'rules');
  io.stdout.write(format === 'json' ? renderRulesJson(RULES) : format === 'markdown' ? renderRulesMarkdown(RULES) : renderRulesText(RULES));
  return 0;
}
