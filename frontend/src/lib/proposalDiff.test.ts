import { describe, expect, it } from 'vitest';
import type { ProposalDiff } from '../api/types';
import { changeSetOutcome, diffSections, diffValue } from './proposalDiff';

describe('diffValue', () => {
  it('shows cells as text', () => {
    expect(diffValue(null)).toBe('(empty)');
    expect(diffValue('')).toBe('(empty)');
    expect(diffValue(true)).toBe('checked');
    expect(diffValue(false)).toBe('unchecked');
    expect(diffValue(['Software', 'Retail'])).toBe('Software, Retail');
    expect(diffValue(1250.5)).toBe('1250.5');
  });
});

describe('diffSections', () => {
  it('creates: the new rows with every field any of them sets', () => {
    const diff: ProposalDiff = { kind: 'changeset', table: { id: 'tbl1', name: 'Companies' }, changes: [
      { op: 'create', after: { Name: 'Zeta', Industry: 'Software' } },
      { op: 'create', after: { Name: 'Eta', Employees: 12 } },
    ] };
    expect(diffSections(diff)).toEqual([{
      op: 'create', title: '2 records to add to Companies', columns: ['Name', 'Industry', 'Employees'],
      rows: [
        { key: 'create-0', label: 'New record 1', cells: ['Zeta', 'Software', '(empty)'] },
        { key: 'create-1', label: 'New record 2', cells: ['Eta', '(empty)', '12'] },
      ],
    }]);
  });

  it('updates: before → after per field, unchanged fields marked', () => {
    const diff: ProposalDiff = { kind: 'changeset', table: { id: 'tbl1', name: 'Deals' }, changes: [
      { op: 'update', id: 'recA', record: 'Acme - Pro', before: { Stage: 'Proposal', Amount: 1000, Owner: 'Ann' },
        after: { Stage: 'Won', Amount: 1200, Owner: 'Ann' } },
      { op: 'update', id: 'recB', record: 'null', before: {}, after: { Stage: 'Lost' } },
    ] };
    expect(diffSections(diff)).toEqual([{
      op: 'update', title: '2 records to change in Deals', records: [
        { key: 'recA', label: 'Acme - Pro', fields: [
          { field: 'Stage', before: 'Proposal', after: 'Won', changed: true },
          { field: 'Amount', before: '1000', after: '1200', changed: true },
          { field: 'Owner', before: 'Ann', after: 'Ann', changed: false },
        ] },
        { key: 'recB', label: 'recB', fields: [{ field: 'Stage', before: '(empty)', after: 'Lost', changed: true }] },
      ],
    }]);
  });

  it('deletes: the rows that will go with their current fields', () => {
    const diff: ProposalDiff = { kind: 'changeset', table: { id: 'tbl1', name: 'Contacts' }, changes: [
      { op: 'delete', id: 'rec1', record: 'Olivia Martin', before: { Name: 'Olivia Martin', Title: 'CTO' } },
    ] };
    expect(diffSections(diff)).toEqual([{
      op: 'delete', title: '1 record to delete from Contacts', columns: ['Name', 'Title'],
      rows: [{ key: 'rec1', label: 'Olivia Martin', cells: ['Olivia Martin', 'CTO'] }],
    }]);
  });

  it('create_table: the definition first (types in words, options), then its first records in field order', () => {
    const diff: ProposalDiff = { kind: 'create_table', baseId: 'app1', table: {
      name: 'Tables', description: 'One row per table', fields: [
        { name: 'Name', type: 'singleLineText' },
        { name: 'Kind', type: 'singleSelect', options: { choices: [{ name: 'Data' }, { name: 'Lookup' }] } },
        { name: 'Budget', type: 'currency', options: { precision: 2, symbol: '$' }, description: 'per year' },
      ] }, changes: [{ op: 'create', after: { Kind: 'Data', Name: 'Deals' } }] };
    const sections = diffSections(diff);
    expect(sections[0]).toEqual({
      op: 'create_table', title: 'New table “Tables” with 3 fields', name: 'Tables', description: 'One row per table',
      fields: [
        { name: 'Name', type: 'Single line text', detail: '' },
        { name: 'Kind', type: 'Single select', detail: 'choices: Data, Lookup' },
        { name: 'Budget', type: 'Currency', detail: 'symbol $; 2 decimals; per year' },
      ],
    });
    expect(sections[1]).toMatchObject({ op: 'create', title: '1 record to add to Tables', columns: ['Name', 'Kind'],
      rows: [{ cells: ['Deals', 'Data'] }] });
  });
});

describe('changeSetOutcome', () => {
  it('says clearly whether the change was applied or rolled back', () => {
    expect(changeSetOutcome({ status: 'SUCCEEDED', counts: { applied: 1 } })).toEqual({ label: 'Succeeded',
      tone: 'success', sentence: 'Applied: 1 record written to Airtable. The grid is refreshed.' });
    const rolledBack = changeSetOutcome({ status: 'ROLLED_BACK', counts: { applied: 0 },
      error: { message: 'Airtable refused record 2.' } });
    expect(rolledBack.label).toBe('Rolled back');
    expect(rolledBack.tone).toBe('warning');
    expect(rolledBack.sentence).toContain('every change already made was undone');
    expect(rolledBack.sentence).toContain('Reason: Airtable refused record 2.');
    expect(changeSetOutcome({ status: 'RUNNING', counts: null })).toMatchObject({ label: 'Writing', tone: 'progress' });
  });
});
