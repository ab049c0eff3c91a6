import { describe, expect, it } from 'vitest';
import { contentTypeFor, detectDelimiter, fileKind, headerProblems, parseCsvRecords, previewCsv } from './csv';

describe('previewCsv', () => {
  it('reads the header and sample rows', () => {
    const p = previewCsv('Name,Email,Company\nAda,ada@example.com,recA\nBob,bob@example.com,recB\n');
    expect(p.header).toEqual(['Name', 'Email', 'Company']);
    expect(p.rows).toEqual([['Ada', 'ada@example.com', 'recA'], ['Bob', 'bob@example.com', 'recB']]);
    expect(p.delimiter).toBe(',');
    expect(p.truncated).toBe(false);
  });

  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF and a BOM', () => {
    const text = '\uFEFF"Name","Notes, long",Title\r\n"O\'Connor, Liam","said ""hi""\r\nand left",CFO\r\n';
    const p = previewCsv(text);
    expect(p.header).toEqual(['Name', 'Notes, long', 'Title']);
    expect(p.rows).toEqual([["O'Connor, Liam", 'said "hi"\r\nand left', 'CFO']]);
  });

  it('trims header names and keeps empty cells', () => {
    const p = previewCsv(' Name , Amount ,\nx,,\n');
    expect(p.header).toEqual(['Name', 'Amount', '']);
    expect(p.rows).toEqual([['x', '', '']]);
  });

  it('detects semicolon and tab delimiters from the first line', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(previewCsv('Name;Amount\nAcme;1,5\n').rows).toEqual([['Acme', '1,5']]);
  });

  it('reads only as many records as asked and says the file goes on', () => {
    const text = ['H', ...Array.from({ length: 10 }, (_, i) => `r${i}`)].join('\n');
    const p = previewCsv(text, 2);
    expect(p.rows).toEqual([['r0'], ['r1']]);
    expect(p.truncated).toBe(true);
    expect(parseCsvRecords('a\n\nb\n', ',', 10).records).toEqual([['a'], ['b']]);
  });

  it('copes with a header without a newline and with an empty text', () => {
    expect(previewCsv('Name,Amount').header).toEqual(['Name', 'Amount']);
    expect(previewCsv('').header).toEqual([]);
  });
});

describe('headerProblems', () => {
  it('finds missing and repeated column names', () => {
    expect(headerProblems([])).toEqual(['The file has no header line: its first line must name the columns.']);
    expect(headerProblems(['Name', '', 'name'])).toEqual([
      'Column 2 has no name in the header line.',
      'The column “name” appears twice in the header line.',
    ]);
    expect(headerProblems(['Name', 'Email'])).toEqual([]);
  });
});

describe('file kinds', () => {
  it('recognises CSV, JSON and XLSX by name or type', () => {
    expect(fileKind('people.CSV', '')).toBe('csv');
    expect(fileKind('x', 'text/csv')).toBe('csv');
    expect(fileKind('data.json', '')).toBe('json');
    expect(fileKind('book.xlsx', '')).toBe('xlsx');
    expect(fileKind('notes.txt', 'text/plain')).toBe('unknown');
    expect(contentTypeFor('csv', 'application/vnd.ms-excel')).toBe('text/csv');
    expect(contentTypeFor('xlsx', '')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });
});
