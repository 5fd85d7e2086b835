import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
}

/** node's parse errors are long and suggest `--` tricks; users get the option name and the command instead. */
function usageMessage(error: unknown, command: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? message} for '${command}'`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `option ${(option ?? '').replace(/\s*<value>$/, '')} needs a value`;
  return message.split('\n')[0] ?? message;
}

/** Options every command that loads a target (scan, model) takes alike. */
export const TARGET_OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'include-generated': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export function parse(command: string, args: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    throw new UsageError(usageMessage(error, command), command);
  }
}

export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T, command: string): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid --${name} '${String(value)}' (expected ${allowed.join(', ')})`, command);
}

/** Repeatable options also accept comma-separated lists: `--rule FG-IAM-001,FG-S3-001`. */
export function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter((item) => item !== '');
}

export function singlePath(positionals: string[], command: string): string {
  if (positionals.length === 0) throw new UsageError(`'${command}' needs a directory or template file`, command);
  if (positionals.length > 1) throw new UsageError(`'${command}' takes one path, got ${positionals.length}: ${positionals.join(' ')}`, command);
  return positionals[0]!;
}
