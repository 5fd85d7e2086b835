/**
 * Construction helpers shared by every loader, so that each produces Apps with the same defaults
 * and reports failures the same way.
 */
import type { App, Framework, SourceLocation } from './types.js';

export interface AppSeed {
  name: string;
  framework: Framework;
  /** main file, relative to the scanned root */
  path: string;
}

export function createApp(seed: AppSeed): App {
  return {
    name: seed.name,
    provider: 'aws',
    framework: seed.framework,
    path: seed.path,
    sourceFiles: [seed.path],
    functions: [],
    apis: [],
    roles: [],
    resources: [],
    parameters: [],
    warnings: [],
  };
}

export function fileStart(file: string): SourceLocation {
  return { file, line: 1, column: 1 };
}

/** Describes an unexpected exception for a warning without leaking a stack trace into reports. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0] ?? ''}`;
  return String(error);
}
