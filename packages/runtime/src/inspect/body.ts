/**
 * Splits request bodies into the named values an application will read from them. Each parser
 * is total: malformed input yields `undefined` (the caller then inspects the raw text), never
 * an exception.
 */
import { formDecode } from './decode.js';

export interface Field {
  name: string;
  value: string;
}

/** `a=1&b=2`; a component without `=` is a name with an empty value. */
export function parseForm(body: string, maxFields = 256): Field[] {
  const fields: Field[] = [];
  for (const part of body.split('&')) {
    if (fields.length >= maxFields) break;
    if (part === '') continue;
    const eq = part.indexOf('=');
    fields.push(eq < 0 ? { name: formDecode(part), value: '' } : { name: formDecode(part.slice(0, eq)), value: formDecode(part.slice(eq + 1)) });
  }
  return fields;
}

export function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = body.trimStart();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch {
    return { ok: false };
  }
}

/** multipart/form-data: field names, file names and (text) part contents. */
export function parseMultipart(body: string, contentType: string, maxParts = 64): Field[] | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return undefined;
  const fields: Field[] = [];
  for (const part of body.split(`--${boundary}`).slice(1, maxParts + 1)) {
    if (part.startsWith('--')) break;
    const split = part.indexOf('\r\n\r\n') >= 0 ? part.indexOf('\r\n\r\n') : part.indexOf('\n\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const content = part.slice(split).replace(/^\r?\n\r?\n/, '').replace(/\r?\n$/, '');
    const name = /\bname="([^"]*)"/i.exec(head)?.[1] ?? '';
    const filename = /\bfilename="([^"]*)"/i.exec(head)?.[1];
    if (filename !== undefined) fields.push({ name: `${name}.filename`, value: filename });
    fields.push({ name, value: content });
  }
  return fields;
}

/** Whether an untyped body reads as a form (`a=b&c=d`) rather than free text. */
export function looksLikeForm(body: string): boolean {
  return /^[^=&\s]+=[^&]*(?:&[^=&\s]+=[^&]*)*$/.test(body.slice(0, 4096));
}
