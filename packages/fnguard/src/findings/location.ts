import type { LoadWarning, SourceLocation } from '../model/types.js';

/** A location a report can point at: a file and 1-based positions. Placeholders (`line: 0`) are not. */
export function isUsableLocation(location: SourceLocation | undefined): location is SourceLocation {
  return location !== undefined && location.file !== '' && location.line >= 1 && location.column >= 1;
}

/** Reports promise real locations, so a warning with a placeholder one is shown without it. */
export function withUsableLocation<T extends LoadWarning>(warning: T): T {
  if (warning.location === undefined || isUsableLocation(warning.location)) return warning;
  const { location: _location, ...rest } = warning;
  return rest as T;
}
