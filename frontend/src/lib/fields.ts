import type { Field } from '../api/types';
import { cellText } from './cells';

/** Field types Airtable computes itself: shown, never written (not in the add form, not editable, not import targets). */
export const READ_ONLY_TYPES = new Set([
  'autoNumber', 'createdTime', 'lastModifiedTime', 'formula', 'count', 'rollup', 'lookup', 'multipleLookupValues',
  'createdBy', 'lastModifiedBy', 'button', 'externalSyncSource', 'aiText',
]);

export const NUMERIC_TYPES = new Set(['number', 'currency', 'percent', 'rating', 'duration', 'autoNumber', 'count']);
export const TEXT_TYPES = new Set(['singleLineText', 'multilineText', 'richText', 'email', 'url', 'phoneNumber']);
export const DATE_TYPES = new Set(['date', 'dateTime', 'createdTime', 'lastModifiedTime']);
/** Values that are lists: filters can only test them with contains / empty / not empty. */
export const LIST_TYPES = new Set(['multipleRecordLinks', 'multipleAttachments', 'multipleSelects', 'multipleLookupValues']);

export function isReadOnly(field: Field): boolean {
  return READ_ONLY_TYPES.has(field.type);
}

/** Whether the grid edits this field inline (attachments and computed fields are not). */
export function isInlineEditable(field: Field): boolean {
  return !isReadOnly(field) && field.type !== 'multipleAttachments';
}

/** Human name of a field type for the mapping preview and headers. */
export function typeLabel(type: string): string {
  const labels: Record<string, string> = {
    singleLineText: 'Text', multilineText: 'Long text', richText: 'Rich text', email: 'Email', url: 'URL',
    phoneNumber: 'Phone', number: 'Number', currency: 'Currency', percent: 'Percent', rating: 'Rating',
    duration: 'Duration', checkbox: 'Checkbox', date: 'Date', dateTime: 'Date and time',
    singleSelect: 'Single select', multipleSelects: 'Multiple select', multipleRecordLinks: 'Link to records',
    multipleAttachments: 'Attachments', autoNumber: 'Autonumber', createdTime: 'Created time',
    lastModifiedTime: 'Last modified time', formula: 'Formula', count: 'Count', rollup: 'Rollup',
    multipleLookupValues: 'Lookup',
  };
  return labels[type] ?? type;
}

export type ParsedInput = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Turns what a person typed into the value the API takes for this field (sent with typecast, so select names and
 * link ids are accepted as text). Empty input clears the cell.
 */
export function parseInput(field: Field, text: string): ParsedInput {
  const trimmed = text.trim();
  if (field.type === 'checkbox') {
    return { ok: true, value: trimmed === 'true' };
  }
  if (trimmed === '') {
    return { ok: true, value: LIST_TYPES.has(field.type) ? [] : null };
  }
  if (NUMERIC_TYPES.has(field.type)) {
    const normalised = trimmed.replace(/[\s,]/g, '').replace(/^[$€£]/, '').replace(/%$/, '');
    const n = Number(normalised);
    if (!Number.isFinite(n)) return { ok: false, message: `${field.name} needs a number.` };
    return { ok: true, value: field.type === 'percent' && trimmed.endsWith('%') ? n / 100 : n };
  }
  if (field.type === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return { ok: false, message: `${field.name} needs a date (YYYY-MM-DD).` };
    return { ok: true, value: trimmed };
  }
  if (field.type === 'dateTime') {
    const d = new Date(trimmed);
    if (Number.isNaN(d.getTime())) return { ok: false, message: `${field.name} needs a date and time.` };
    return { ok: true, value: d.toISOString() };
  }
  if (field.type === 'multipleSelects') {
    return { ok: true, value: splitList(trimmed) };
  }
  if (field.type === 'multipleRecordLinks') {
    const ids = splitList(trimmed);
    const bad = ids.find((id) => !/^rec[A-Za-z0-9]{14}$/.test(id));
    if (bad) return { ok: false, message: `${field.name} takes record ids (rec…), separated by commas.` };
    return { ok: true, value: ids };
  }
  return { ok: true, value: text };
}

function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** The text an editor starts with for a cell value. */
export function inputText(field: Field, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.type === 'checkbox') return value === true ? 'true' : 'false';
  if (Array.isArray(value)) {
    return value.map((v) => (typeof v === 'string' ? v : isNamed(v) ? v.name : cellText(v))).join(', ');
  }
  if (field.type === 'dateTime' && typeof value === 'string') {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) {
      const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
      return local.toISOString().slice(0, 16);
    }
  }
  return cellText(value);
}

function isNamed(v: unknown): v is { name: string } {
  return typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string';
}

/** Formats numbers the way the field's options say (currency symbol, precision, percent). */
export function formatNumber(field: Field, value: number): string {
  const precision = typeof field.options?.precision === 'number' ? field.options.precision : undefined;
  const fmt = (n: number) => n.toLocaleString('en-US', precision === undefined ? { maximumFractionDigits: 6 }
    : { minimumFractionDigits: precision, maximumFractionDigits: precision });
  if (field.type === 'currency') {
    const symbol = typeof field.options?.symbol === 'string' ? field.options.symbol : '$';
    return value < 0 ? `-${symbol}${fmt(-value)}` : `${symbol}${fmt(value)}`;
  }
  if (field.type === 'percent') return `${fmt(value * 100)}%`;
  if (field.type === 'duration') {
    const h = Math.floor(value / 3600);
    const m = Math.floor((value % 3600) / 60);
    return `${h}:${String(m).padStart(2, '0')}`;
  }
  return fmt(value);
}

/** A date-only value (YYYY-MM-DD) is a calendar day: formatted in UTC so no time zone moves it. */
export function formatDate(field: Field, value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  if (field.type === 'date' || /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return d.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  }
  return d.toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit',
    minute: '2-digit' });
}
