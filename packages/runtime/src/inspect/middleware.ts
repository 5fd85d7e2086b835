/**
 * `inspection()`: the in-function WAF as a Middy-compatible middleware. In `before` it inspects
 * the event, writes one `inspection.hit` security event per request that matched (families,
 * rule ids and where, never the raw values), and in block mode stops the request: a 403 for
 * HTTP sources, and for async sources a thrown `InspectionRejected` so the message is retried
 * and lands in the DLQ instead of being processed.
 */
import { sharedParsedBody, sourceOf } from '../core/request.js';
import { createEmitter } from '../core/security-event.js';
import { jsonErrorResponse } from '../core/response.js';
import type { GuardRequest, Middleware, ProtectionOptions, SecurityEvent } from '../core/types.js';
import { isHttpSource } from '../events/detect.js';
import { inspectEventReport, type EventInspectionOptions } from './event.js';
import type { Detection, InspectionFamily } from './types.js';

export interface InspectionOptions extends ProtectionOptions {
  /** `block` (default) rejects matching requests; `report` only logs them */
  mode?: 'block' | 'report';
  families?: InspectionFamily[];
  /** event paths that carry intended markup or code (`body.html`, `queryStringParameters.q`); `*` suffix for prefixes */
  allow?: { paths?: string[] };
  /** total characters inspected per event (default 256 KiB) */
  maxBytes?: number;
  /** characters inspected per value (default 8 KiB) */
  maxValueLength?: number;
}

export class InspectionRejected extends Error {
  override readonly name = 'InspectionRejected';
  readonly statusCode = 403;
  readonly expose = false;
  readonly families: InspectionFamily[];
  readonly rules: string[];

  constructor(detections: Detection[]) {
    super('Request rejected by inspection');
    this.families = [...new Set(detections.map((d) => d.family))];
    this.rules = [...new Set(detections.map((d) => d.rule))];
  }
}

const MAX_LOGGED_HITS = 10;

function securityEvent(detections: Detection[], mode: 'block' | 'report', source: string, truncated: boolean): SecurityEvent {
  return {
    type: 'inspection.hit',
    level: 'warn',
    message: mode === 'block' ? 'request blocked by inspection' : 'inspection matched (report only)',
    mode,
    source,
    families: [...new Set(detections.map((d) => d.family))],
    rules: [...new Set(detections.map((d) => d.rule))],
    // paths embed parameter names, which the client chose: keep them short in the log
    hits: detections.slice(0, MAX_LOGGED_HITS).map((d) => ({ family: d.family, rule: d.rule, location: d.location, path: d.path.length > 128 ? `${d.path.slice(0, 128)}…` : d.path })),
    hitCount: detections.length,
    truncated,
  };
}

export function inspection(options: InspectionOptions = {}): Middleware {
  const mode = options.mode ?? 'block';
  const walkOptions: EventInspectionOptions = {
    ...(options.families ? { families: options.families } : {}),
    ...(options.allow ? { allow: options.allow } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.maxValueLength !== undefined ? { maxValueLength: options.maxValueLength } : {}),
  };
  // without the guard's logger, events go to the shared default logger, as every protection's do
  const emit = createEmitter(options.logger);
  return {
    before(request: GuardRequest): unknown {
      const report = inspectEventReport(request.event, walkOptions, sharedParsedBody(request));
      if (report.detections.length === 0) return undefined;
      const source = sourceOf(request);
      const event = securityEvent(report.detections, mode, source, report.truncated);
      request.internal.inspection = { detections: report.detections, truncated: report.truncated };
      emit(event, request);
      if (mode === 'report') return undefined;
      if (isHttpSource(source)) {
        const requestId = typeof request.context?.awsRequestId === 'string' ? request.context.awsRequestId : undefined;
        return jsonErrorResponse(403, requestId);
      }
      throw new InspectionRejected(report.detections);
    },
  };
}
