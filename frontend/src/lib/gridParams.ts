import type { FilterNode } from './filter';
import { fromFilter } from './filter';

export interface SortSpec {
  field: string;
  direction: 'asc' | 'desc';
}

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** `sort=Name:asc&sort=Amount:desc` from the address bar → sort specs (the API's own syntax). */
export function parseSort(values: string[]): SortSpec[] {
  return values.flatMap((value): SortSpec[] => {
    const colon = value.lastIndexOf(':');
    const direction = colon < 0 ? 'asc' : value.slice(colon + 1);
    const field = colon < 0 ? value : value.slice(0, colon);
    if (!field || (direction !== 'asc' && direction !== 'desc')) return [];
    return [{ field, direction }];
  }).slice(0, 10);
}

export function formatSort(sort: SortSpec[]): string[] {
  return sort.map((s) => `${s.field}:${s.direction}`);
}

/** The `filter` parameter of the address bar, when it is a filter the builder can show; else null. */
export function parseFilterParam(text: string | null): FilterNode | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return fromFilter(parsed) ? (parsed as FilterNode) : null;
  } catch {
    return null;
  }
}

export function parsePageSize(text: string | null): number {
  const n = Number(text);
  return (PAGE_SIZES as readonly number[]).includes(n) ? n : DEFAULT_PAGE_SIZE;
}
