// 审计日志 (`/admin/audit`, admins only): the filters kept in the address.
import { useNavigate, useSearchParams } from 'react-router';
import { AuditLog, type AuditListState } from '@/features/audit/components/audit-log';
import { parsePage } from '../category';
import { ConsolePage } from './console-page';

function auditHref({ action, targetType, targetId, page }: AuditListState): string {
  const search = new URLSearchParams();
  if (action !== '') search.set('action', action);
  if (targetType !== '') search.set('target_type', targetType);
  if (targetId.trim() !== '') search.set('target_id', targetId.trim());
  if (page > 1) search.set('page', String(page));
  const query = search.toString();
  return query === '' ? '/admin/audit' : `/admin/audit?${query}`;
}

export function AuditPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const state: AuditListState = {
    action: searchParams.get('action') ?? '',
    targetType: searchParams.get('target_type') ?? '',
    targetId: searchParams.get('target_id') ?? '',
    page: parsePage(searchParams.get('page')),
  };
  return (
    <ConsolePage title="审计日志">
      <AuditLog
        // The filter form starts from the address again after 后退.
        key={`${state.action}|${state.targetType}|${state.targetId}`}
        state={state}
        hrefFor={auditHref}
        onChange={(next) => void navigate(auditHref(next))}
      />
    </ConsolePage>
  );
}
