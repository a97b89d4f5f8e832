import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import { CONSOLE_KEY } from '@/lib/api/console-queries';
import type { components, paths } from '@/lib/api/schema';

export type AuditPage = components['schemas']['AuditPage'];
export type AuditEntry = components['schemas']['AuditEntry'];
export type AuditFilters = NonNullable<paths['/api/v1/admin/audit']['get']['parameters']['query']>;

export const AUDIT_PER_PAGE = 50;

export async function listAudit(filters: AuditFilters, signal?: AbortSignal): Promise<AuditPage> {
  const answer = await apiClient.GET('/api/v1/admin/audit', {
    params: { query: { per_page: AUDIT_PER_PAGE, ...filters } },
    signal,
  });
  return dataOrThrow(answer);
}

/** The log, newest first; the page shown stays while the next loads. */
export function useAudit(filters: AuditFilters) {
  return useQuery({
    queryKey: [CONSOLE_KEY, 'audit', filters],
    queryFn: ({ signal }) => listAudit(filters, signal),
    placeholderData: keepPreviousData,
  });
}
