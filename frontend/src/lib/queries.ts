import { useQuery } from '@tanstack/react-query';
import { api } from '../api/instance';

/** Shared queries, so each screen asks once and reuses the answer. */
export function useConnection() {
  return useQuery({ queryKey: ['connection'], queryFn: api.connection });
}

export function useBases() {
  return useQuery({ queryKey: ['bases'], queryFn: api.bases });
}

export function useTables(baseId: string | undefined) {
  return useQuery({
    queryKey: ['tables', baseId],
    queryFn: () => api.tables(baseId ?? ''),
    enabled: !!baseId,
    staleTime: 60_000,
  });
}
