import type { Field } from '../api/types';
import { LIST_TYPES, NUMERIC_TYPES } from './fields';

/** The API's structured filter (docs/api.md "filter"). */
export type FilterOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'empty' | 'notEmpty';
export type FilterValue = string | number | boolean;
export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: FilterValue;
}
export type FilterNode = { and: FilterNode[] } | { or: FilterNode[] } | FilterCondition;

/** The API's limits, checked before sending. */
export const FILTER_LIMITS = { maxLength: 4000, maxDepth: 5, maxConditions: 50, maxValue: 1000 } as const;

export const OP_LABELS: Record<FilterOp, string> = {
  eq: 'is', ne: 'is not', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', empty: 'is empty',
  notEmpty: 'is not empty',
};

export function opTakesValue(op: FilterOp): boolean {
  return op !== 'empty' && op !== 'notEmpty';
}

/** Operators that make sense for a field's type. */
export function opsFor(field: Field | undefined): FilterOp[] {
  if (!field) return ['eq', 'ne', 'contains', 'empty', 'notEmpty'];
  if (field.type === 'checkbox') return ['eq'];
  if (LIST_TYPES.has(field.type)) return ['contains', 'empty', 'notEmpty'];
  if (NUMERIC_TYPES.has(field.type) || field.type === 'date' || field.type === 'dateTime'
    || field.type === 'createdTime' || field.type === 'lastModifiedTime') {
    return ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'];
  }
  return ['eq', 'ne', 'contains', 'empty', 'notEmpty'];
}

/** The builder's editable state: values are kept as typed text and converted by {@link toFilter}. */
export interface ConditionDraft {
  kind: 'condition';
  id: string;
  field: string;
  op: FilterOp;
  value: string;
}
export interface GroupDraft {
  kind: 'group';
  id: string;
  combinator: 'and' | 'or';
  children: DraftNode[];
}
export type DraftNode = ConditionDraft | GroupDraft;

let nextId = 0;
export function newId(): string {
  nextId += 1;
  return `f${nextId}`;
}

export function emptyGroup(combinator: 'and' | 'or' = 'and'): GroupDraft {
  return { kind: 'group', id: newId(), combinator, children: [] };
}

export function newCondition(fields: Field[]): ConditionDraft {
  const field = fields[0];
  return { kind: 'condition', id: newId(), field: field?.name ?? '', op: opsFor(field)[0] ?? 'eq',
    value: field?.type === 'checkbox' ? 'true' : '' };
}

export interface FilterResult {
  filter: FilterNode | null;
  errors: string[];
}

/**
 * The filter JSON for a draft, or the sentences saying what to fix. Empty groups are dropped and a group of one
 * is replaced by its child, so the JSON is the smallest equivalent one; values are typed by the field (numbers for
 * number fields, booleans for checkboxes, text otherwise).
 */
export function toFilter(root: GroupDraft, fields: Field[]): FilterResult {
  const errors: string[] = [];
  const byName = new Map(fields.map((f) => [f.name, f]));
  let conditions = 0;

  const convert = (node: DraftNode, label: string): FilterNode | null => {
    if (node.kind === 'group') {
      const children = node.children
        .map((child, i) => convert(child, `${label}${label ? '.' : ''}${i + 1}`))
        .filter((c): c is FilterNode => c !== null);
      if (children.length === 0) return null;
      if (children.length === 1) return children[0] ?? null;
      return node.combinator === 'and' ? { and: children } : { or: children };
    }
    conditions += 1;
    const where = `Condition ${label}`;
    const field = byName.get(node.field);
    if (!node.field || !field) {
      errors.push(`${where}: choose a field.`);
      return null;
    }
    if (!opsFor(field).includes(node.op)) {
      errors.push(`${where}: “${OP_LABELS[node.op]}” does not apply to ${field.name}.`);
      return null;
    }
    if (!opTakesValue(node.op)) return { field: field.name, op: node.op };
    const value = typedValue(field, node.op, node.value);
    if (typeof value === 'object') {
      errors.push(`${where}: ${value.error}`);
      return null;
    }
    if (typeof value === 'string' && value.length > FILTER_LIMITS.maxValue) {
      errors.push(`${where}: the value is longer than ${FILTER_LIMITS.maxValue} characters.`);
      return null;
    }
    return { field: field.name, op: node.op, value };
  };

  const filter = convert(root, '');
  if (conditions > FILTER_LIMITS.maxConditions) {
    errors.push(`A filter can have at most ${FILTER_LIMITS.maxConditions} conditions.`);
  }
  // depth as the API counts it: the outermost node is level 1
  if (filter && depthOf(filter) > FILTER_LIMITS.maxDepth) {
    errors.push(`A filter can be nested at most ${FILTER_LIMITS.maxDepth} levels deep.`);
  }
  if (filter && JSON.stringify(filter).length > FILTER_LIMITS.maxLength) {
    errors.push(`The filter is longer than ${FILTER_LIMITS.maxLength} characters; remove some conditions.`);
  }
  return { filter: errors.length > 0 ? null : filter, errors };
}

function typedValue(field: Field, op: FilterOp, text: string): FilterValue | { error: string } {
  if (field.type === 'checkbox') return text === 'true';
  if (op !== 'contains' && NUMERIC_TYPES.has(field.type)) {
    const trimmed = text.trim();
    const n = Number(trimmed);
    if (trimmed === '' || !Number.isFinite(n)) return { error: `${field.name} needs a number.` };
    return n;
  }
  if (op === 'contains' && text.trim() === '') return { error: 'enter the text to look for.' };
  if ((field.type === 'date') && op !== 'contains' && !/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) {
    return { error: `${field.name} needs a date (YYYY-MM-DD).` };
  }
  return text;
}

export function depthOf(node: FilterNode): number {
  if ('and' in node) return 1 + Math.max(0, ...node.and.map(depthOf));
  if ('or' in node) return 1 + Math.max(0, ...node.or.map(depthOf));
  return 1;
}

export function countConditions(node: FilterNode | null): number {
  if (!node) return 0;
  if ('and' in node) return node.and.reduce((n, c) => n + countConditions(c), 0);
  if ('or' in node) return node.or.reduce((n, c) => n + countConditions(c), 0);
  return 1;
}

/** The builder state for a filter (e.g. one read back from the address bar); null when it is not a valid filter. */
export function fromFilter(node: unknown): GroupDraft | null {
  const convert = (n: unknown): DraftNode | null => {
    if (typeof n !== 'object' || n === null || Array.isArray(n)) return null;
    const o = n as Record<string, unknown>;
    for (const combinator of ['and', 'or'] as const) {
      if (combinator in o) {
        const parts = o[combinator];
        if (!Array.isArray(parts) || parts.length === 0) return null;
        const children = parts.map(convert);
        if (children.some((c) => c === null)) return null;
        return { kind: 'group', id: newId(), combinator, children: children as DraftNode[] };
      }
    }
    if (typeof o.field !== 'string' || typeof o.op !== 'string' || !(o.op in OP_LABELS)) return null;
    const value = o.value;
    if (value !== undefined && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return null;
    }
    return { kind: 'condition', id: newId(), field: o.field, op: o.op as FilterOp,
      value: value === undefined ? '' : String(value) };
  };
  const root = convert(node);
  if (!root) return null;
  return root.kind === 'group' ? root : { kind: 'group', id: newId(), combinator: 'and', children: [root] };
}

/** Immutable updates of the draft tree by node id. */
export function updateNode(root: GroupDraft, id: string, change: (node: DraftNode) => DraftNode | null): GroupDraft {
  const visit = (node: DraftNode): DraftNode | null => {
    if (node.id === id) return change(node);
    if (node.kind === 'group') {
      const children = node.children.map(visit).filter((c): c is DraftNode => c !== null);
      return { ...node, children };
    }
    return node;
  };
  const result = visit(root);
  return result && result.kind === 'group' ? result : emptyGroup(root.combinator);
}

/** Human summary of a filter, e.g. `Stage is "Won" and Amount ≥ 1000`. */
export function describeFilter(node: FilterNode | null): string {
  if (!node) return 'No filter';
  const describe = (n: FilterNode, nested: boolean): string => {
    if ('and' in n || 'or' in n) {
      const parts = 'and' in n ? n.and : n.or;
      const text = parts.map((p) => describe(p, true)).join('and' in n ? ' and ' : ' or ');
      return nested ? `(${text})` : text;
    }
    const value = n.value === undefined ? '' : typeof n.value === 'string' ? ` “${n.value}”` : ` ${String(n.value)}`;
    return `${n.field} ${OP_LABELS[n.op]}${value}`;
  };
  return describe(node, false);
}
