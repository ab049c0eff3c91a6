import { describe, expect, it } from 'vitest';
import type { Field } from '../api/types';
import { fieldByName, mappableFields, previewMapping } from './mapping';

const fields: Field[] = [
  { id: 'fldName', name: 'Name', type: 'singleLineText' },
  { id: 'fldEmail', name: 'Email', type: 'email' },
  { id: 'fldCompany', name: 'Company', type: 'multipleRecordLinks' },
  { id: 'fldCreated', name: 'Created', type: 'createdTime' },
  { id: 'fldNo', name: 'No', type: 'autoNumber' },
  { id: 'fldClose', name: 'Close Date', type: 'date' },
];

describe('previewMapping', () => {
  it('maps columns to fields of the same name (case and spacing ignored)', () => {
    const p = previewMapping(['Name', ' email ', 'close  date'], fields);
    expect(p.columns.map((c) => [c.column, c.status, c.target])).toEqual([
      ['Name', 'mapped', 'Name'], [' email ', 'mapped', 'Email'], ['close  date', 'mapped', 'Close Date'],
    ]);
    expect(p.payload).toEqual({ Name: 'Name', ' email ': 'Email', 'close  date': 'Close Date' });
    expect(p.errors).toEqual([]);
    expect(p.unmappedFields.map((f) => f.name)).toEqual(['Company']);
  });

  it('ignores unknown columns and read-only targets, and says so', () => {
    const p = previewMapping(['Name', 'Shoe size', 'Created'], fields);
    expect(p.columns.map((c) => c.status)).toEqual(['mapped', 'unknown', 'readOnly']);
    expect(p.columns[2]?.note).toBe('Created is computed by Airtable and cannot be written; the column is ignored.');
    expect(p.payload).toEqual({ Name: 'Name', 'Shoe size': '', Created: '' });
    expect(p.warnings).toEqual(['2 columns are not imported: “Shoe size”, “Created”.']);
    expect(p.errors).toEqual([]);
  });

  it("follows the person's choices: another field, or ignore", () => {
    const p = previewMapping(['Full name', 'Email', 'Firm'], fields, { 'Full name': 'Name', Email: '', Firm: 'Company' });
    expect(p.payload).toEqual({ 'Full name': 'Name', Email: '', Firm: 'Company' });
    expect(p.columns[1]).toMatchObject({ status: 'ignored' });
  });

  it('refuses two columns filling one field, a read-only choice, and no mapped column at all', () => {
    const twice = previewMapping(['Name', 'Title'], fields, { Title: 'Name' });
    expect(twice.columns.map((c) => c.status)).toEqual(['duplicate', 'duplicate']);
    expect(twice.errors).toEqual(['The columns “Name” and “Title” both fill Name; choose another field or ignore one of them.']);
    expect(previewMapping(['X'], fields, { X: 'No' }).columns[0]?.status).toBe('readOnly');
    expect(previewMapping(['X', 'Y'], fields).errors)
      .toEqual(['No column maps to a field of this table: choose a field for at least one column.']);
  });

  it('needs merge-on fields, filled by a column, to upsert', () => {
    expect(previewMapping(['Name'], fields, {}, 'upsert').errors)
      .toEqual(['An upsert needs one to three fields that identify a record (merge on).']);
    expect(previewMapping(['Name'], fields, {}, 'upsert', ['Email']).errors)
      .toEqual(['No column fills Email, which records are matched on.']);
    expect(previewMapping(['Name', 'Email'], fields, {}, 'upsert', ['Email']).errors).toEqual([]);
  });

  it('needs an id (or recordId) column to update, which is not mapped to a field', () => {
    expect(previewMapping(['Name'], fields, {}, 'update').errors)
      .toEqual(['An update needs a column “id” (or “recordId”) with each row\'s record id.']);
    const p = previewMapping(['RecordID', 'Name'], fields, {}, 'update');
    expect(p.errors).toEqual([]);
    expect(p.columns[0]).toMatchObject({ status: 'recordId' });
    expect(p.payload).toEqual({ Name: 'Name' });
    expect(previewMapping(['id', 'Name'], fields, {}, 'create').columns[0]?.status).toBe('unknown');
  });

  it('warns when a create leaves the primary field empty', () => {
    expect(previewMapping(['Email'], fields, {}, 'create', [], 'fldName').warnings)
      .toEqual(['No column fills Name, the table\'s primary field: new records will have no name.']);
  });

  it('offers only writable fields', () => {
    expect(mappableFields(fields).map((f) => f.name)).toEqual(['Name', 'Email', 'Company', 'Close Date']);
    expect(fieldByName('COMPANY', fields)?.id).toBe('fldCompany');
  });
});
