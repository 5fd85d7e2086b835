import { atOrAbove } from '../findings/severity.js';
import type { ScanResult } from '../findings/scan-result.js';
import { SEVERITIES, type Severity } from '../findings/types.js';
import { shouldColor } from '../reporters/color.js';
import { RULES } from '../rules/index.js';
import { selectRules } from '../rules/select.js';
import { list, oneOf, parse, singlePath, TARGET_OPTIONS } from './args.js';
import { UsageError } from './errors.js';
import { SCAN_HELP } from './help.js';
import type { CliIO } from './io.js';
import type { ScanDirectory } from './load.js';
import { emit } from './output.js';
import { scan } from './run-scan.js';

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = [...SEVERITIES, 'none'] as const;
const PROFILES = ['recommended', 'strict'] as const;

/** 1 when any finding is at or above the threshold; `none` never fails on findings. */
export function exitCodeFor(result: ScanResult, failOn: Severity | 'none'): number {
  if (failOn === 'none') return 0;
  return result.findings.some((finding) => atOrAbove(finding.severity, failOn)) ? 1 : 0;
}

export async function scanCommand(args: string[], io: CliIO, scanDirectory: ScanDirectory): Promise<number> {
  const { values, positionals } = parse('scan', args, {
    ...TARGET_OPTIONS,
    'fail-on': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    rule: { type: 'string', multiple: true },
    'skip-rule': { type: 'string', multiple: true },
    profile: { type: 'string' },
  });
  if (values.help === true) {
    io.stdout.write(SCAN_HELP);
    return 0;
  }
  const format = oneOf('format', values.format, FORMATS, 'text', 'scan');
  const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'low', 'scan');
  const profile = oneOf('profile', values.profile, PROFILES, 'recommended', 'scan');
  const target = singlePath(positionals, 'scan');
  const output = typeof values.output === 'string' ? values.output : undefined;

  // rule selection is checked before loading so a typo fails fast, not after a long scan
  const { rules, unknownPatterns } = selectRules(RULES, { profile, include: list(values.rule), exclude: list(values['skip-rule']) });
  if (unknownPatterns.length > 0) {
    throw new UsageError(`unknown rule ${unknownPatterns.map((p) => `'${p}'`).join(', ')} (run 'fnguard rules' for the list)`, 'scan');
  }

  const result = await scan({ target, cwd: io.cwd, rules, profile, includeGenerated: values['include-generated'] === true, scanDirectory });

  const color = shouldColor(output === undefined ? io.stdout.isTTY : false, io.env);
  // Only the reporter asked for is loaded.
  const text =
    format === 'json'
      ? (await import('../reporters/json.js')).renderJson(result)
      : format === 'sarif'
        ? (await import('../reporters/sarif.js')).renderSarif(result)
        : (await import('../reporters/text.js')).renderText(result, { color, quiet: values.quiet === true });
  await emit(text, output, io);
  return exitCodeFor(result, failOn);
}
