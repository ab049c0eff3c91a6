/**
 * Just enough CSV (RFC 4180) for the import preview: the header and a few sample rows, read in the browser before
 * anything is uploaded. Quoted fields may hold the delimiter, doubled quotes and line breaks; CRLF and LF both end a
 * record; a UTF-8 byte order mark is dropped; the delimiter (comma, semicolon or tab) is the one the first line uses
 * most outside quotes. The server parses the whole file again: this never decides what gets imported.
 */
export interface CsvPreview {
  delimiter: string;
  header: string[];
  /** the first data rows (up to `sampleRows`) */
  rows: string[][];
  /** false when the text ended inside the sample (the whole file was read) */
  truncated: boolean;
}

export const DELIMITERS = [',', ';', '\t'] as const;

export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [d, n] of counts) {
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** Parses up to `maxRecords` records; `complete` says whether the text ended before that. */
export function parseCsvRecords(text: string, delimiter: string, maxRecords: number):
  { records: string[][]; complete: boolean } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    record.push(field);
    // a blank line is no record
    if (!(record.length === 1 && record[0] === '' && !fieldStarted)) records.push(record);
    record = [];
    field = '';
    fieldStarted = false;
  };
  for (; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"') {
        if (text.charAt(i + 1) === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
    } else if (c === delimiter) {
      record.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text.charAt(i + 1) === '\n') i++;
      endRecord();
      if (records.length >= maxRecords) {
        return { records, complete: isBlank(text, i + 1) };
      }
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (field !== '' || fieldStarted || record.length > 0) endRecord();
  return { records: records.slice(0, maxRecords), complete: records.length <= maxRecords };
}

function isBlank(text: string, from: number): boolean {
  return text.slice(from).trim() === '';
}

/** The header (names trimmed) and the first `sampleRows` rows of a CSV text. */
export function previewCsv(text: string, sampleRows = 3): CsvPreview {
  const delimiter = detectDelimiter(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const { records, complete } = parseCsvRecords(text, delimiter, sampleRows + 1);
  const [header = [], ...rows] = records;
  return { delimiter, header: header.map((h) => h.trim()), rows, truncated: !complete };
}

/** Problems with a header that the server would reject anyway, as sentences. */
export function headerProblems(header: string[]): string[] {
  const problems: string[] = [];
  if (header.length === 0 || header.every((h) => h === '')) {
    problems.push('The file has no header line: its first line must name the columns.');
    return problems;
  }
  header.forEach((h, i) => {
    if (h === '') problems.push(`Column ${i + 1} has no name in the header line.`);
  });
  const seen = new Set<string>();
  for (const h of header) {
    const key = h.toLowerCase();
    if (h !== '' && seen.has(key)) problems.push(`The column “${h}” appears twice in the header line.`);
    seen.add(key);
  }
  return problems;
}

export type FileKind = 'csv' | 'json' | 'xlsx' | 'unknown';

export function fileKind(name: string, type: string): FileKind {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || type === 'text/csv') return 'csv';
  if (lower.endsWith('.json') || type === 'application/json') return 'json';
  if (lower.endsWith('.xlsx') || type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
    return 'xlsx';
  }
  return 'unknown';
}

export function contentTypeFor(kind: FileKind, browserType: string): string {
  switch (kind) {
    case 'csv': return 'text/csv';
    case 'json': return 'application/json';
    case 'xlsx': return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    default: return browserType || 'application/octet-stream';
  }
}
