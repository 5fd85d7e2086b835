import type { ScanWarning } from '../findings/scan-result.js';
import type { App } from '../model/types.js';
import { TOOL_NAME, toolVersion } from './tool.js';

/** Follows the App model in model/types.ts; bumped when a field is removed or retyped. */
export const MODEL_REPORT_VERSION = '1.0.0';

export interface ModelInput {
  target: string;
  apps: App[];
  warnings: ScanWarning[];
}

export function buildModelReport(input: ModelInput) {
  return {
    version: MODEL_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    target: input.target,
    apps: input.apps,
    warnings: input.warnings,
  };
}

export function renderModelJson(input: ModelInput): string {
  return `${JSON.stringify(buildModelReport(input), null, 2)}\n`;
}
