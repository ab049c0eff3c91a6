import { useQueries } from '@tanstack/react-query';
import { api } from '../api/instance';

/** Table id → name for the given bases (imports keep the table id; people read names). */
export function useTableNames(baseIds: string[]): (baseId: string, table: string) => string {
  const unique = [...new Set(baseIds)].filter(Boolean);
  const results = useQueries({
    queries: unique.map((baseId) => ({
      queryKey: ['tables', baseId],
      queryFn: () => api.tables(baseId),
      staleTime: 60_000,
      retry: false,
    })),
  });
  return (baseId, table) => {
    const tables = results[unique.indexOf(baseId)]?.data;
    return tables?.find((t) => t.id === table)?.name ?? table;
  };
}
