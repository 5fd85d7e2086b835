/**
 * The application payload inside each async record, decoded the way the producing service
 * encoded it, so one user schema describes "the message" whatever queue or stream carried it.
 */
import type { EventSource } from '../events/detect.js';
import type { FieldIssue } from './issues.js';

type Obj = Record<string, unknown>;

export type PayloadResult = { ok: true; value: unknown } | { ok: false; issue: FieldIssue };

function parseJsonText(text: string, field: string, maxBytes: number): PayloadResult {
  if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes) return { ok: false, issue: { field, rule: 'maxBytes' } };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, issue: { field, rule: 'json' } };
  }
}

/** Records are assumed envelope-checked: the fields read here exist with the right types. */
export function recordPayload(source: EventSource, record: Obj, index: number, maxBytes: number): PayloadResult {
  const at = `Records.${index}`;
  switch (source) {
    case 'sqs': return parseJsonText(record.body as string, `${at}.body`, maxBytes);
    case 'sns': return parseJsonText((record.Sns as Obj).Message as string, `${at}.Sns.Message`, maxBytes);
    case 'kinesis': {
      const data = (record.kinesis as Obj).data as string;
      if (Math.floor((data.length * 3) / 4) - 2 > maxBytes) return { ok: false, issue: { field: `${at}.kinesis.data`, rule: 'maxBytes' } };
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return { ok: false, issue: { field: `${at}.kinesis.data`, rule: 'base64' } };
      return parseJsonText(Buffer.from(data, 'base64').toString('utf8'), `${at}.kinesis.data`, maxBytes);
    }
    case 'dynamodb': return { ok: true, value: record.dynamodb };
    case 's3': return { ok: true, value: record.s3 };
    default: return { ok: true, value: record };
  }
}
