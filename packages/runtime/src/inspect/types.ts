export type InspectionFamily = 'sqli' | 'nosqli' | 'cmdi' | 'lfi' | 'ssrf' | 'xss' | 'proto';

export const ALL_FAMILIES: readonly InspectionFamily[] = ['sqli', 'nosqli', 'cmdi', 'lfi', 'ssrf', 'xss', 'proto'];

export type InspectionLocation = 'query' | 'body' | 'header' | 'cookie' | 'path' | 'key' | 'message' | 'event';

export interface Detection {
  family: InspectionFamily;
  /** short stable id of the structural rule that fired, e.g. `sqli.union` */
  rule: string;
  location: InspectionLocation;
  /** where in the event, e.g. `queryStringParameters.id` */
  path: string;
  /** a short, control-character-free excerpt of the decoded value, safe to log */
  evidence: string;
}

/** What a single detector reports: which rule fired and roughly where. */
export interface Finding {
  rule: string;
  /** position hint, informational only: a token index for the lexer-based detectors, else a character offset */
  at: number;
}

export interface ValueOptions {
  families?: readonly InspectionFamily[];
  location?: InspectionLocation;
  path?: string;
  /** a URL path is expected to start with `/`, so absolute-path rules must not fire on it */
  isUrlPath?: boolean;
  /** characters of one value that are inspected; the rest is ignored (default 8192) */
  maxValueLength?: number;
}
