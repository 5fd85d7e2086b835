/** In-function request inspection (SAS-1): structural detectors, event walker and middleware. */
export type { Detection, InspectionFamily, InspectionLocation, ValueOptions } from './types.js';
export { ALL_FAMILIES } from './types.js';
export { inspectValue, inspectKey } from './value.js';
export { inspectEvent, inspectEventReport, DEFAULT_MAX_BYTES, type EventInspectionOptions, type EventInspectionReport } from './event.js';
export { inspection, InspectionRejected, type InspectionOptions } from './middleware.js';
