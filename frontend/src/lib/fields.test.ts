import { describe, expect, it } from 'vitest';
import type { Field } from '../api/types';
import { cellText, choiceHue, safeHref } from './cells';
import { formatDate, formatNumber, inputText, isInlineEditable, parseInput } from './fields';
import { formatSort, parseFilterParam, parsePageSize, parseSort } from './gridParams';

const f = (type: string, options?: Field['options']): Field => ({ id: 'fld', name: 'F', type, options: options ?? null });

describe('parseInput', () => {
  it('converts typed text into API values per field type', () => {
    expect(parseInput(f('number'), ' 1,234.5 ')).toEqual({ ok: true, value: 1234.5 });
    expect(parseInput(f('currency'), '$12')).toEqual({ ok: true, value: 12 });
    expect(parseInput(f('percent'), '50%')).toEqual({ ok: true, value: 0.5 });
    expect(parseInput(f('number'), 'ten')).toEqual({ ok: false, message: 'F needs a number.' });
    expect(parseInput(f('checkbox'), 'true')).toEqual({ ok: true, value: true });
    expect(parseInput(f('date'), '2026-11-25')).toEqual({ ok: true, value: '2026-11-25' });
    expect(parseInput(f('date'), '25/11/2026')).toMatchObject({ ok: false });
    expect(parseInput(f('multipleSelects'), 'a, b,,c')).toEqual({ ok: true, value: ['a', 'b', 'c'] });
    expect(parseInput(f('multipleRecordLinks'), 'recAAAAAAAAAAAAAA1, recBBBBBBBBBBBBBB2'))
      .toMatchObject({ ok: false });
    expect(parseInput(f('multipleRecordLinks'), 'recAAAAAAAAAAAAAA, recBBBBBBBBBBBBBB'))
      .toEqual({ ok: true, value: ['recAAAAAAAAAAAAAA', 'recBBBBBBBBBBBBBB'] });
    expect(parseInput(f('singleLineText'), '')).toEqual({ ok: true, value: null });
    expect(parseInput(f('multipleRecordLinks'), ' ')).toEqual({ ok: true, value: [] });
    expect(parseInput(f('singleLineText'), ' keep spaces ')).toEqual({ ok: true, value: ' keep spaces ' });
  });

  it('starts editors from the current value', () => {
    expect(inputText(f('multipleSelects'), ['a', 'b'])).toBe('a, b');
    expect(inputText(f('checkbox'), undefined)).toBe('');
    expect(inputText(f('checkbox'), true)).toBe('true');
    expect(inputText(f('number'), 42)).toBe('42');
    expect(inputText(f('singleLineText'), null)).toBe('');
  });

  it('edits only writable, non-attachment fields inline', () => {
    expect(isInlineEditable(f('formula'))).toBe(false);
    expect(isInlineEditable(f('multipleAttachments'))).toBe(false);
    expect(isInlineEditable(f('singleSelect'))).toBe(true);
  });
});

describe('formatting', () => {
  it('formats numbers with the field options', () => {
    expect(formatNumber(f('currency', { precision: 2, symbol: '$' }), 12500)).toBe('$12,500.00');
    expect(formatNumber(f('currency', { precision: 0, symbol: '€' }), -3)).toBe('-€3');
    expect(formatNumber(f('percent', { precision: 1 }), 0.256)).toBe('25.6%');
    expect(formatNumber(f('number', { precision: 0 }), 2200)).toBe('2,200');
    expect(formatNumber(f('duration'), 3900)).toBe('1:05');
  });

  it('shows a date-only value on its calendar day in every time zone', () => {
    expect(formatDate(f('date'), '2024-02-01')).toBe('Feb 1, 2024');
    expect(formatDate(f('date'), 'not a date')).toBe('not a date');
  });

  it('renders cell text, safe links and chip colours', () => {
    expect(cellText(['a', { name: 'b' }, 3])).toBe('a, b, 3');
    expect(cellText({ filename: 'x.png', url: 'u' })).toBe('x.png');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('https://acme.example.com')).toBe('https://acme.example.com/');
    expect(choiceHue(f('singleSelect', { choices: [{ name: 'Won', color: 'greenLight2' }] }), 'Won')).toBe('green');
    const hue = choiceHue(f('singleSelect'), 'Lost');
    expect(hue).toBe(choiceHue(f('singleSelect'), 'Lost'));
  });
});

describe('grid address parameters', () => {
  it('reads and writes sorts in the API syntax', () => {
    expect(parseSort(['Name', 'Amount:desc', 'Bad:up', ':asc'])).toEqual([
      { field: 'Name', direction: 'asc' }, { field: 'Amount', direction: 'desc' },
    ]);
    expect(formatSort([{ field: 'Close Date', direction: 'asc' }])).toEqual(['Close Date:asc']);
    expect(parseSort(['Ratio:x:desc'])).toEqual([{ field: 'Ratio:x', direction: 'desc' }]);
  });

  it('accepts only valid filters and page sizes', () => {
    expect(parseFilterParam('{"field":"Stage","op":"eq","value":"Won"}')).toEqual({ field: 'Stage', op: 'eq', value: 'Won' });
    expect(parseFilterParam('{oops')).toBeNull();
    expect(parseFilterParam('{"field":"Stage","op":"drop"}')).toBeNull();
    expect(parsePageSize('50')).toBe(50);
    expect(parsePageSize('7')).toBe(25);
  });
});
