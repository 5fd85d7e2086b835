/**
 * Construction helpers shared by every loader, so that each produces Apps with the same defaults
 * and the same warning shape.
 */
import type { App, Framework, LoadWarning, SourceLocation } from './types.js';

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

export function loadWarning(code: string, message: string, location?: SourceLocation): LoadWarning {
  return location ? { code, message, location } : { code, message };
}

/** Describes an unexpected exception for a warning without leaking a stack trace into reports. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0] ?? ''}`;
  return String(error);
}
