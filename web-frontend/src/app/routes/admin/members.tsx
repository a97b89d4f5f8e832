// 会员管理 (`/admin/members`, admins only): the filters kept in the address.
import { useNavigate, useSearchParams } from 'react-router';
import { MemberAdmin, type MemberListState } from '@/features/members/components/member-admin';
import type { MemberKind, MemberStatus } from '@/features/members/fields';
import { useSessionState } from '@/lib/auth/session-context';
import { parsePage } from '../category';
import { ConsolePage } from './console-page';

const MEMBER_KINDS: readonly MemberKind[] = ['personal', 'enterprise'];
const MEMBER_STATUSES: readonly MemberStatus[] = ['active', 'pending', 'rejected', 'disabled'];

export function parseMemberListState(search: URLSearchParams): MemberListState {
  const kind = search.get('kind');
  const status = search.get('status');
  return {
    kind: MEMBER_KINDS.includes(kind as MemberKind) ? (kind as MemberKind) : '',
    status: MEMBER_STATUSES.includes(status as MemberStatus) ? (status as MemberStatus) : '',
    q: search.get('q') ?? '',
    page: parsePage(search.get('page')),
  };
}

function membersHref({ kind, status, q, page }: MemberListState): string {
  const search = new URLSearchParams();
  if (kind !== '') search.set('kind', kind);
  if (status !== '') search.set('status', status);
  if (q.trim() !== '') search.set('q', q.trim());
  if (page > 1) search.set('page', String(page));
  const query = search.toString();
  return query === '' ? '/admin/members' : `/admin/members?${query}`;
}

export function MembersPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const session = useSessionState();
  const state = parseMemberListState(searchParams);
  return (
    <ConsolePage title="会员管理">
      <MemberAdmin
        key={state.q}
        state={state}
        hrefFor={membersHref}
        onChange={(next) => void navigate(membersHref(next))}
        selfId={session.status === 'signed-in' ? session.member.id : 0}
      />
    </ConsolePage>
  );
}
