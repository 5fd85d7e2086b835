import { renderModelJson } from '../reporters/model.js';
import { renderModelText } from '../reporters/model-text.js';
import { oneOf, parse, singlePath, TARGET_OPTIONS } from './args.js';
import { MODEL_HELP } from './help.js';
import type { CliIO } from './io.js';
import { loadTarget, type ScanDirectory } from './load.js';
import { emit } from './output.js';

const FORMATS = ['json', 'text'] as const;

export async function modelCommand(args: string[], io: CliIO, scanDirectory: ScanDirectory): Promise<number> {
  const { values, positionals } = parse('model', args, TARGET_OPTIONS);
  if (values.help === true) {
    io.stdout.write(MODEL_HELP);
    return 0;
  }
  const format = oneOf('format', values.format, FORMATS, 'json', 'model');
  const target = singlePath(positionals, 'model');
  const loaded = await loadTarget(target, io.cwd, scanDirectory, values['include-generated'] === true, 'model');
  const input = { target, apps: loaded.apps, warnings: loaded.warnings };
  await emit(format === 'text' ? renderModelText(input) : renderModelJson(input), typeof values.output === 'string' ? values.output : undefined, io);
  return 0;
}
