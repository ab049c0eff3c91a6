import type { Field } from '../api/types';

/** What an attachment cell value looks like (Airtable's shape). */
export interface Attachment {
  id?: string;
  url: string;
  filename?: string;
  type?: string;
  size?: number;
  thumbnails?: { small?: { url: string }; large?: { url: string } };
}

export function isAttachment(value: unknown): value is Attachment {
  return typeof value === 'object' && value !== null && typeof (value as { url?: unknown }).url === 'string';
}

/** Only http(s) links are made clickable (a `javascript:` URL in a cell must not run). */
export function safeHref(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const HUES = ['blue', 'cyan', 'teal', 'green', 'yellow', 'orange', 'red', 'pink', 'purple', 'gray'];

/** The chip colour of a select option: Airtable's colour name (`blueLight2` → blue), else one derived from the name. */
export function choiceHue(field: Field, name: string): string {
  const color = field.options?.choices?.find((c) => c.name === name)?.color;
  const base = color ? /^[a-z]+/.exec(color)?.[0] : undefined;
  if (base && HUES.includes(base)) return base;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return HUES[hash % HUES.length] ?? 'gray';
}

/** The plain text of a cell, for labels, the delete confirmation and search. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
    if (typeof o.filename === 'string') return o.filename;
    return JSON.stringify(value);
  }
  return typeof value === 'string' ? value
    : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : '';
}
