import { describe, expect, it } from 'vitest';
import type { Field } from '../api/types';
import {
  countConditions, depthOf, describeFilter, emptyGroup, fromFilter, opsFor, toFilter, updateNode,
  type ConditionDraft, type DraftNode, type GroupDraft,
} from './filter';

const fields: Field[] = [
  { id: 'fld1', name: 'Name', type: 'singleLineText' },
  { id: 'fld2', name: 'Stage', type: 'singleSelect', options: { choices: [{ name: 'Won' }, { name: 'Lost' }] } },
  { id: 'fld3', name: 'Amount', type: 'currency', options: { precision: 2, symbol: '$' } },
  { id: 'fld4', name: 'Done', type: 'checkbox' },
  { id: 'fld5', name: 'Company', type: 'multipleRecordLinks' },
  { id: 'fld6', name: 'Close Date', type: 'date' },
];

let n = 0;
const cond = (field: string, op: ConditionDraft['op'], value = ''): ConditionDraft =>
  ({ kind: 'condition', id: `c${++n}`, field, op, value });
const group = (combinator: 'and' | 'or', ...children: DraftNode[]): GroupDraft =>
  ({ kind: 'group', id: `g${++n}`, combinator, children });

describe('toFilter', () => {
  it('builds the example of docs/api.md', () => {
    const draft = group('and', cond('Stage', 'eq', 'Won'),
      group('or', cond('Amount', 'gte', '1000'), cond('Name', 'contains', 'acme')));
    const { filter, errors } = toFilter(draft, fields);
    expect(errors).toEqual([]);
    expect(filter).toEqual({ and: [
      { field: 'Stage', op: 'eq', value: 'Won' },
      { or: [{ field: 'Amount', op: 'gte', value: 1000 }, { field: 'Name', op: 'contains', value: 'acme' }] },
    ] });
  });

  it('types values by field: numbers, booleans, and no value for empty / not empty', () => {
    const { filter } = toFilter(group('or', cond('Amount', 'lt', ' 12.5 '), cond('Done', 'eq', 'false'),
      cond('Company', 'empty'), cond('Name', 'notEmpty', 'ignored')), fields);
    expect(filter).toEqual({ or: [
      { field: 'Amount', op: 'lt', value: 12.5 },
      { field: 'Done', op: 'eq', value: false },
      { field: 'Company', op: 'empty' },
      { field: 'Name', op: 'notEmpty' },
    ] });
  });

  it('returns the smallest equivalent JSON: no empty groups, a group of one is its child', () => {
    expect(toFilter(emptyGroup(), fields).filter).toBeNull();
    expect(toFilter(group('and', group('or'), group('or', cond('Name', 'eq', 'x'))), fields).filter)
      .toEqual({ field: 'Name', op: 'eq', value: 'x' });
  });

  it('says what to fix instead of sending an invalid filter', () => {
    const { filter, errors } = toFilter(group('and', cond('Amount', 'gt', 'lots'), cond('', 'eq', 'x'),
      cond('Company', 'gt', '3'), cond('Name', 'contains', ' '), cond('Close Date', 'lt', '1 May')), fields);
    expect(filter).toBeNull();
    expect(errors).toEqual([
      'Condition 1: Amount needs a number.',
      'Condition 2: choose a field.',
      'Condition 3: “>” does not apply to Company.',
      'Condition 4: enter the text to look for.',
      'Condition 5: Close Date needs a date (YYYY-MM-DD).',
    ]);
  });

  it("enforces the API's limits: 50 conditions, depth 5, 1,000-character values", () => {
    const many = group('or', ...Array.from({ length: 51 }, (_, i) => cond('Name', 'eq', `v${i}`)));
    expect(toFilter(many, fields).errors).toContain('A filter can have at most 50 conditions.');
    // six nested groups of two conditions each: depth 6
    let deep = group('or', cond('Name', 'eq', 'x'), cond('Name', 'eq', 'y'));
    for (let i = 0; i < 5; i++) deep = group(i % 2 ? 'or' : 'and', cond('Name', 'eq', `v${i}`), deep);
    expect(toFilter(deep, fields).errors).toContain('A filter can be nested at most 5 levels deep.');
    expect(toFilter(group('and', cond('Name', 'eq', 'x'.repeat(1001))), fields).errors)
      .toEqual(['Condition 1: the value is longer than 1000 characters.']);
  });
});

describe('filter helpers', () => {
  it('offers the operators a field type supports', () => {
    expect(opsFor(fields[3])).toEqual(['eq']);
    expect(opsFor(fields[4])).toEqual(['contains', 'empty', 'notEmpty']);
    expect(opsFor(fields[2])).toContain('gte');
    expect(opsFor(fields[0])).not.toContain('gt');
  });

  it('reads a filter back into the builder (round trip)', () => {
    const filter = { and: [{ field: 'Stage', op: 'eq', value: 'Won' }, { or: [{ field: 'Amount', op: 'gte', value: 1000 },
      { field: 'Done', op: 'eq', value: true }] }] };
    const draft = fromFilter(filter);
    expect(draft).not.toBeNull();
    expect(toFilter(draft!, fields).filter).toEqual(filter);
    expect(fromFilter({ field: 'Name', op: 'empty' })).toMatchObject({ kind: 'group', children: [{ field: 'Name', op: 'empty' }] });
    expect(fromFilter({ and: [] })).toBeNull();
    expect(fromFilter({ field: 'Name', op: 'like', value: 'x' })).toBeNull();
    expect(fromFilter('nope')).toBeNull();
  });

  it('updates and removes nodes by id without touching the rest', () => {
    const a = cond('Name', 'eq', 'a');
    const b = cond('Name', 'eq', 'b');
    const root = group('and', a, group('or', b));
    const changed = updateNode(root, b.id, (node) => ({ ...(node as ConditionDraft), value: 'B' }));
    expect(toFilter(changed, fields).filter).toEqual({ and: [{ field: 'Name', op: 'eq', value: 'a' },
      { field: 'Name', op: 'eq', value: 'B' }] });
    expect(root.children[1]).toMatchObject({ children: [{ value: 'b' }] });
    expect(toFilter(updateNode(root, a.id, () => null), fields).filter).toEqual({ field: 'Name', op: 'eq', value: 'b' });
  });

  it('describes, counts and measures filters', () => {
    const filter = { and: [{ field: 'Stage', op: 'eq' as const, value: 'Won' },
      { or: [{ field: 'Amount', op: 'gte' as const, value: 1000 }, { field: 'Name', op: 'empty' as const }] }] };
    expect(describeFilter(filter)).toBe('Stage is “Won” and (Amount ≥ 1000 or Name is empty)');
    expect(countConditions(filter)).toBe(3);
    expect(depthOf(filter)).toBe(3);
    expect(describeFilter(null)).toBe('No filter');
  });
});
