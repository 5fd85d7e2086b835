/**
 * Evaluation harness for the labelled WAF corpus (shared/data/waf): places each record in an
 * API Gateway HTTP API (v2) event where the record says it was, so the full decode path
 * (query parsing, form/JSON/multipart bodies, headers, cookies) is exercised, and tallies
 * the results per family. Used by the corpus test and by bench/inspection.mjs; not exported
 * from the package entry point.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Detection } from './types.js';

export interface CorpusRecord {
  id: string;
  family: string;
  location: 'query' | 'body' | 'header' | 'path';
  value: string;
  source: string;
  label: 'attack' | 'benign';
  key?: string;
  part?: string;
  content_type?: string;
  paranoia_level?: number;
}

export function loadCorpus(dir: string, file: 'attacks.jsonl' | 'benign.jsonl'): CorpusRecord[] {
  return readFileSync(join(dir, file), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as CorpusRecord);
}

function baseEvent(): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/items',
    rawQueryString: '',
    headers: { host: 'api.example.com', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0', accept: '*/*' },
    requestContext: { domainName: 'api.example.com', http: { method: 'GET', path: '/items' }, requestId: 'corpus' },
    isBase64Encoded: false,
  };
}

const PLAIN_NAME = /^[A-Za-z_][\w.-]*$/;

function nameFor(record: CorpusRecord): string {
  return record.key && PLAIN_NAME.test(record.key) ? record.key : 'q';
}

/** The event an API Gateway HTTP API would deliver for a request carrying this record. */
export function corpusEvent(record: CorpusRecord): Record<string, unknown> {
  const event = baseEvent();
  const headers = event.headers as Record<string, string>;
  const v = record.value;
  const part = record.part ?? 'value';
  const name = nameFor(record);
  switch (record.location) {
    case 'path':
      event.rawPath = v.startsWith('/') ? v : `/${v}`;
      break;
    case 'header': {
      const header = (record.key ?? 'x-custom').toLowerCase();
      if (header === 'cookie') event.cookies = v.split(';').map((c) => c.trim());
      else headers[header] = v;
      break;
    }
    case 'query':
      if (part === 'querystring' || part === 'bare' || part === 'pair') event.rawQueryString = v;
      else if (part === 'name') event.rawQueryString = `${encodeURIComponent(v)}=1`;
      else event.rawQueryString = `${name}=${encodeURIComponent(v)}`;
      break;
    case 'body': {
      (event.requestContext as { http: { method: string } }).http.method = 'POST';
      if (part === 'json' || part === 'raw' || part === 'xml-value' || part === 'multipart-content') {
        event.body = v;
        headers['content-type'] = record.content_type ?? (part === 'json' ? 'application/json' : 'text/plain');
      } else if (part === 'json-leaf') {
        event.body = JSON.stringify({ [record.key ?? 'value']: v });
        headers['content-type'] = 'application/json';
      } else if (part === 'multipart-filename') {
        const boundary = 'corpusboundary';
        event.body = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${v.replace(/"/g, '%22')}"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`;
        headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
      } else if (part === 'bare' || part === 'pair') {
        event.body = v;
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else if (part === 'name') {
        event.body = `${encodeURIComponent(v)}=1`;
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else {
        event.body = `${encodeURIComponent(name)}=${encodeURIComponent(v)}`;
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      break;
    }
  }
  return event;
}

export interface FamilyTally {
  attacks: number;
  caught: number;
  /** caught by the detector of the record's own family */
  caughtSameFamily: number;
  /** paranoia level <= 2 or not from CRS: the required set */
  required: number;
  requiredCaught: number;
  benign: number;
  benignFlagged: number;
}

export function isRequired(record: CorpusRecord): boolean {
  return record.source !== 'crs' || (record.paranoia_level ?? 1) <= 2;
}

export function tallyCorpus(
  attacks: CorpusRecord[],
  benign: CorpusRecord[],
  inspect: (event: unknown) => Detection[],
  onResult?: (record: CorpusRecord, detections: Detection[]) => void,
): Map<string, FamilyTally> {
  const tally = new Map<string, FamilyTally>();
  const row = (family: string): FamilyTally => {
    let t = tally.get(family);
    if (!t) {
      t = { attacks: 0, caught: 0, caughtSameFamily: 0, required: 0, requiredCaught: 0, benign: 0, benignFlagged: 0 };
      tally.set(family, t);
    }
    return t;
  };
  for (const record of attacks) {
    const detections = inspect(corpusEvent(record));
    onResult?.(record, detections);
    const t = row(record.family);
    const hit = detections.length > 0;
    t.attacks++;
    if (hit) t.caught++;
    if (detections.some((d) => d.family === record.family)) t.caughtSameFamily++;
    if (isRequired(record)) {
      t.required++;
      if (hit) t.requiredCaught++;
    }
  }
  for (const record of benign) {
    const detections = inspect(corpusEvent(record));
    onResult?.(record, detections);
    const t = row(record.family);
    t.benign++;
    if (detections.length > 0) t.benignFlagged++;
  }
  return tally;
}
