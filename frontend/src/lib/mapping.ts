import type { Field, ImportMode } from '../api/types';
import { isReadOnly } from './fields';

export type ColumnStatus = 'mapped' | 'ignored' | 'unknown' | 'readOnly' | 'duplicate' | 'recordId';

/** In an update import, the column that holds each row's record id (the API's rule: `id` or `recordId`). */
export function isRecordIdColumn(column: string): boolean {
  return /^(id|recordid)$/i.test(column);
}

export interface ColumnMapping {
  column: string;
  /** the target field's name, or '' when the column is ignored */
  target: string;
  field: Field | null;
  status: ColumnStatus;
  /** a sentence for the preview (why a column is ignored, what is wrong) */
  note: string;
}

export interface MappingPreview {
  columns: ColumnMapping[];
  /** fields of the table that no column fills */
  unmappedFields: Field[];
  /** problems that block the import, as sentences */
  errors: string[];
  /** things worth knowing that do not block it */
  warnings: string[];
  /** the `mapping` of POST /imports: every column → field name or '' (ignore) */
  payload: Record<string, string>;
}

const normalise = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The field a column maps to by name: exact, else ignoring case and surrounding or repeated spaces. */
export function fieldByName(column: string, fields: Field[]): Field | undefined {
  return fields.find((f) => f.name === column) ?? fields.find((f) => normalise(f.name) === normalise(column));
}

/**
 * Compares a file's header with the table's schema. `overrides` are the person's choices (column → field name, or
 * '' to ignore); other columns map to the field of the same name. Columns naming a computed (read-only) field or no
 * field at all are ignored, with a note saying so.
 */
export function previewMapping(
  header: string[],
  fields: Field[],
  overrides: Record<string, string> = {},
  mode: ImportMode = 'create',
  mergeOn: string[] = [],
  primaryFieldId?: string,
): MappingPreview {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const idColumn = mode === 'update' ? header.find(isRecordIdColumn) : undefined;
  const columns: ColumnMapping[] = header.map((column) => {
    if (column === idColumn) {
      return { column, target: '', field: null, status: 'recordId', note: 'Each row\'s record id: the record to update.' };
    }
    if (Object.prototype.hasOwnProperty.call(overrides, column)) {
      const chosen = overrides[column] ?? '';
      if (chosen === '') {
        return { column, target: '', field: null, status: 'ignored', note: 'Ignored: this column is not imported.' };
      }
      const field = byName.get(chosen);
      if (!field) {
        return { column, target: '', field: null, status: 'unknown',
          note: `The table has no field “${chosen}”; the column is ignored.` };
      }
      if (isReadOnly(field)) {
        return { column, target: '', field, status: 'readOnly',
          note: `${field.name} is computed by Airtable and cannot be written; the column is ignored.` };
      }
      return { column, target: field.name, field, status: 'mapped', note: '' };
    }
    const field = fieldByName(column, fields);
    if (!field) {
      return { column, target: '', field: null, status: 'unknown',
        note: 'No field has this name; the column is ignored unless you choose a field.' };
    }
    if (isReadOnly(field)) {
      return { column, target: '', field, status: 'readOnly',
        note: `${field.name} is computed by Airtable and cannot be written; the column is ignored.` };
    }
    return { column, target: field.name, field, status: 'mapped', note: '' };
  });

  const errors: string[] = [];
  const warnings: string[] = [];
  const targets = new Map<string, ColumnMapping[]>();
  for (const c of columns) {
    if (c.status === 'mapped') targets.set(c.target, [...(targets.get(c.target) ?? []), c]);
  }
  for (const [target, sources] of targets) {
    if (sources.length > 1) {
      for (const s of sources) {
        s.status = 'duplicate';
        s.note = `${target} is filled by more than one column.`;
      }
      errors.push(`The columns ${sources.map((s) => `“${s.column}”`).join(' and ')} both fill ${target}; `
        + 'choose another field or ignore one of them.');
    }
  }
  if (columns.length > 0 && !columns.some((c) => c.status === 'mapped' || c.status === 'duplicate')) {
    errors.push('No column maps to a field of this table: choose a field for at least one column.');
  }
  if (mode === 'update' && !idColumn && columns.length > 0) {
    errors.push('An update needs a column “id” (or “recordId”) with each row\'s record id.');
  }
  if (mode === 'upsert') {
    if (mergeOn.length === 0) {
      errors.push('An upsert needs one to three fields that identify a record (merge on).');
    }
    if (mergeOn.length > 3) errors.push('Choose at most three fields to merge on.');
    for (const name of mergeOn) {
      if (!columns.some((c) => c.status === 'mapped' && c.target === name)) {
        errors.push(`No column fills ${name}, which records are matched on.`);
      }
    }
  }
  const mappedTargets = new Set(columns.filter((c) => c.status === 'mapped').map((c) => c.target));
  const unmappedFields = fields.filter((f) => !isReadOnly(f) && !mappedTargets.has(f.name));
  const primary = fields.find((f) => f.id === primaryFieldId);
  if (mode === 'create' && primary && !mappedTargets.has(primary.name) && columns.length > 0) {
    warnings.push(`No column fills ${primary.name}, the table's primary field: new records will have no name.`);
  }
  const ignored = columns.filter((c) => c.status === 'unknown' || c.status === 'readOnly');
  if (ignored.length > 0) {
    warnings.push(`${ignored.length} column${ignored.length === 1 ? ' is' : 's are'} not imported: `
      + `${ignored.map((c) => `“${c.column}”`).join(', ')}.`);
  }
  const payload: Record<string, string> = {};
  for (const c of columns) {
    if (c.status !== 'recordId') payload[c.column] = c.status === 'mapped' ? c.target : '';
  }
  return { columns, unmappedFields, errors, warnings, payload };
}

/** Fields a column may be mapped to (writable ones), for the select. */
export function mappableFields(fields: Field[]): Field[] {
  return fields.filter((f) => !isReadOnly(f));
}
