import type { ImportSummary, ProposalChange, ProposalDiff, ProposedField } from '../api/types';
import { cellText } from './cells';
import { statusInfo, type Tone } from './importStatus';

/** A value as the diff shows it: the cell's text, "(empty)" for nothing, booleans as words. */
export function diffValue(value: unknown): string {
  if (value === true) return 'checked';
  if (value === false) return 'unchecked';
  const text = cellText(value);
  return text === '' ? '(empty)' : text;
}

export interface RowsSection {
  op: 'create' | 'delete';
  title: string;
  columns: string[];
  rows: { key: string; label: string; cells: string[] }[];
}

export interface UpdateSection {
  op: 'update';
  title: string;
  records: {
    key: string;
    label: string;
    fields: { field: string; before: string; after: string; changed: boolean }[];
  }[];
}

export interface TableSection {
  op: 'create_table';
  title: string;
  name: string;
  description: string | null;
  fields: { name: string; type: string; detail: string }[];
}

export type DiffSection = RowsSection | UpdateSection | TableSection;

function records(n: number): string {
  return `${n} record${n === 1 ? '' : 's'}`;
}

/** Column names in the order they first appear across the rows. */
function columnsOf(values: (Record<string, unknown> | undefined)[]): string[] {
  const columns: string[] = [];
  for (const v of values) for (const key of Object.keys(v ?? {})) if (!columns.includes(key)) columns.push(key);
  return columns;
}

const TYPE_LABELS: Record<string, string> = {
  singleLineText: 'Single line text', multilineText: 'Long text', richText: 'Rich text', email: 'Email', url: 'URL',
  phoneNumber: 'Phone number', number: 'Number', currency: 'Currency', percent: 'Percent', checkbox: 'Checkbox',
  date: 'Date', dateTime: 'Date and time', singleSelect: 'Single select', multipleSelects: 'Multiple select',
  rating: 'Rating', duration: 'Duration',
};

function fieldDetail(field: ProposedField): string {
  const parts: string[] = [];
  const options = field.options ?? {};
  const choices = options.choices;
  if (Array.isArray(choices) && choices.length > 0) {
    parts.push(`choices: ${choices.map((c) => cellText(c)).join(', ')}`);
  }
  if (typeof options.symbol === 'string') parts.push(`symbol ${options.symbol}`);
  if (typeof options.precision === 'number') parts.push(`${options.precision} decimals`);
  if (typeof options.max === 'number') parts.push(`max ${options.max}`);
  if (field.description) parts.push(field.description);
  return parts.join('; ');
}

/**
 * What the confirm dialog shows for a proposal's diff: for a new table its definition first, then one section per
 * kind of change — new rows (a table of their fields), updates (before → after per field, per record), deletes
 * (the rows that will go, with their current fields).
 */
export function diffSections(diff: ProposalDiff): DiffSection[] {
  const sections: DiffSection[] = [];
  const tableName = diff.table.name;
  if (diff.kind === 'create_table') {
    const fields = diff.table.fields ?? [];
    sections.push({
      op: 'create_table',
      title: `New table “${tableName}” with ${fields.length} field${fields.length === 1 ? '' : 's'}`,
      name: tableName,
      description: diff.table.description ?? null,
      fields: fields.map((f) => ({ name: f.name, type: TYPE_LABELS[f.type] ?? f.type, detail: fieldDetail(f) })),
    });
  }
  const byOp = (op: ProposalChange['op']) => diff.changes.filter((c) => c.op === op);

  const creates = byOp('create');
  if (creates.length > 0) {
    const columns = diff.kind === 'create_table' && diff.table.fields
      ? diff.table.fields.map((f) => f.name).filter((name) => creates.some((c) => c.after && name in c.after))
      : columnsOf(creates.map((c) => c.after));
    sections.push({
      op: 'create',
      title: `${records(creates.length)} to add to ${tableName}`,
      columns,
      rows: creates.map((c, i) => ({
        key: `create-${i}`,
        label: `New record ${i + 1}`,
        cells: columns.map((col) => diffValue(c.after?.[col])),
      })),
    });
  }

  const updates = byOp('update');
  if (updates.length > 0) {
    sections.push({
      op: 'update',
      title: `${records(updates.length)} to change in ${tableName}`,
      records: updates.map((c, i) => ({
        key: c.id ?? `update-${i}`,
        label: c.record && c.record !== 'null' ? c.record : (c.id ?? `Record ${i + 1}`),
        fields: Object.keys(c.after ?? {}).map((field) => {
          const before = diffValue(c.before?.[field]);
          const after = diffValue(c.after?.[field]);
          return { field, before, after, changed: before !== after };
        }),
      })),
    });
  }

  const deletes = byOp('delete');
  if (deletes.length > 0) {
    const columns = columnsOf(deletes.map((c) => c.before));
    sections.push({
      op: 'delete',
      title: `${records(deletes.length)} to delete from ${tableName}`,
      columns,
      rows: deletes.map((c, i) => ({
        key: c.id ?? `delete-${i}`,
        label: c.record && c.record !== 'null' ? c.record : (c.id ?? `Record ${i + 1}`),
        cells: columns.map((col) => diffValue(c.before?.[col])),
      })),
    });
  }
  return sections;
}

/** The outcome of a confirmed proposal's change set, in the panel's words. */
export function changeSetOutcome(job: Pick<ImportSummary, 'status' | 'counts'> & { error?: { message: string } | null }):
{ label: string; tone: Tone; sentence: string } {
  const applied = job.counts?.applied ?? 0;
  switch (job.status) {
    case 'SUCCEEDED':
      return { label: 'Succeeded', tone: 'success',
        sentence: `Applied: ${records(applied)} written to Airtable. The grid is refreshed.` };
    case 'ROLLED_BACK':
      return { label: 'Rolled back', tone: 'warning',
        sentence: `Not applied: the change failed part-way and every change already made was undone, so the table is `
          + `as it was before.${job.error?.message ? ` Reason: ${job.error.message}` : ''}` };
    case 'ROLLBACK_FAILED':
      return { label: 'Rollback failed', tone: 'danger',
        sentence: 'The change failed and some of it could not be undone: the table may hold part of it. '
          + 'Operators have been alerted.' };
    case 'REJECTED':
      return { label: 'Rejected', tone: 'danger',
        sentence: `Nothing was written: the change no longer fits the table.${job.error?.message ? ` ${job.error.message}` : ''}` };
    default: {
      const info = statusInfo(job.status);
      return { label: info.label, tone: info.tone, sentence: 'Applying the change…' };
    }
  }
}
