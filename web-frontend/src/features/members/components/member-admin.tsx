import { useId, useState, type FormEvent } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { FormAlert } from '@/components/ui/form-alert';
import { InlineConfirm } from '@/components/ui/inline-confirm';
import { Pagination } from '@/components/ui/pagination';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { TextField } from '@/components/ui/text-field';
import { ApiError } from '@/lib/api/client';
import { fieldErrorMessage, problemMessage } from '@/lib/api/problem-messages';
import type { components } from '@/lib/api/schema';
import { formatDateTime } from '@/utils/format';
import { useMembers, useReviewMember, useUpdateMember, type AdminMember, type MemberFilters } from '../api/admin-members';
import { EDIT_FIELDS, KIND_LABELS, PROFILE_FIELDS, STATUS_LABELS, type MemberKind, type MemberStatus } from '../fields';
import '@/components/ui/console.css';
import '../members.css';

type MemberRole = components['schemas']['MemberRole'];
type ReviewDecision = components['schemas']['ReviewDecision'];

export const ROLE_LABELS: Record<MemberRole, string> = { member: '会员', editor: '编辑', admin: '管理员' };

/** The filters the page offers; the address holds them. */
export type MemberListState = {
  kind: MemberKind | '';
  status: MemberStatus | '';
  q: string;
  page: number;
};

function filtersOf(state: MemberListState): MemberFilters {
  const filters: MemberFilters = { page: state.page };
  if (state.kind !== '') filters.kind = state.kind;
  if (state.status !== '') filters.status = state.status;
  if (state.q.trim() !== '') filters.q = state.q.trim();
  return filters;
}

function memberProblem(error: Error): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'own_account':
        return '不能修改自己的角色或状态。';
      case 'not_pending':
        return '该会员已不在待审核状态，请刷新页面。';
      case 'validation_failed':
        return error.fieldErrors.map((field) => fieldErrorMessage(field.field === 'reason' ? '理由' : field.field, field.code)).join('；');
    }
  }
  return problemMessage(error);
}

type MemberAdminProps = {
  state: MemberListState;
  hrefFor: (state: MemberListState) => string;
  onChange: (state: MemberListState) => void;
  /** The signed-in admin, whose own row offers no changes. */
  selfId: number;
};

/** 会员管理: every member by kind and status, enterprise reviews, 停用 and 启用, and roles. */
export function MemberAdmin({ state, hrefFor, onChange, selfId }: MemberAdminProps) {
  const members = useMembers(filtersOf(state));
  const [q, setQ] = useState(state.q);
  const [notice, setNotice] = useState<string | undefined>();
  const kindId = useId();
  const statusId = useId();
  const searchId = useId();

  return (
    <>
      <form
        className="console-filters console-filters--bar"
        role="search"
        aria-label="筛选会员"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ ...state, q, page: 1 });
        }}
      >
        <label htmlFor={kindId}>类型</label>
        <select id={kindId} value={state.kind} onChange={(event) => onChange({ ...state, kind: event.target.value as MemberKind | '', page: 1 })}>
          <option value="">全部</option>
          {(Object.keys(KIND_LABELS) as MemberKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
        <label htmlFor={statusId}>状态</label>
        <select id={statusId} value={state.status} onChange={(event) => onChange({ ...state, status: event.target.value as MemberStatus | '', page: 1 })}>
          <option value="">全部</option>
          {(Object.keys(STATUS_LABELS) as MemberStatus[]).map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        <label htmlFor={searchId}>用户名或名称</label>
        <input id={searchId} type="search" value={q} onChange={(event) => setQ(event.target.value)} />
        <button type="submit" className="button">
          搜索
        </button>
      </form>
      {notice && (
        <p className="form-success" role="status">
          {notice}
        </p>
      )}
      {members.isPending ? (
        <LoadingState label="正在加载会员…" />
      ) : members.isError ? (
        <ErrorState title="会员列表加载失败" error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.items.length === 0 ? (
        <EmptyState title="没有符合条件的会员" />
      ) : (
        <>
          <p className="console-summary">共 {members.data.total} 位</p>
          <ul className="console-list" aria-busy={members.isPlaceholderData || undefined}>
            {members.data.items.map((member) => (
              <MemberRow key={member.id} member={member} self={member.id === selfId} onNotice={setNotice} />
            ))}
          </ul>
          {members.data.total_pages > 1 && (
            <Pagination page={state.page} totalPages={members.data.total_pages} hrefFor={(page) => hrefFor({ ...state, page })} />
          )}
        </>
      )}
    </>
  );
}

function MemberRow({ member, self, onNotice }: { member: AdminMember; self: boolean; onNotice: (message: string) => void }) {
  const update = useUpdateMember();
  const [role, setRole] = useState<MemberRole>(member.role);
  const [problem, setProblem] = useState<string | undefined>();
  const roleId = useId();
  const waiting = member.kind === 'enterprise' && member.status === 'pending';

  const change = (changes: { status?: MemberStatus; role?: MemberRole }, message: string) => {
    if (update.isPending) return;
    setProblem(undefined);
    update.mutate({ id: member.id, changes }, { onSuccess: () => onNotice(message), onError: (error) => setProblem(memberProblem(error)) });
  };

  return (
    <li className="console-list__item member-row">
      <p className="member-row__name">
        <strong>{member.display_name}</strong>（{member.username}）
      </p>
      <p className="console-list__meta">
        <span>{KIND_LABELS[member.kind]}</span>
        <span className={`status-badge status-badge--${member.status}`}>{STATUS_LABELS[member.status]}</span>
        <span>{ROLE_LABELS[member.role]}</span>
        <span>注册于 {formatDateTime(member.created_at)}</span>
      </p>
      <details className="member-row__details">
        <summary>资料</summary>
        <dl className="profile">
          {EDIT_FIELDS[member.kind].map(({ name }) => (
            <div key={name} className="profile__row">
              <dt>{PROFILE_FIELDS[name].label}</dt>
              <dd>{member[name] ? member[name] : <span className="profile__empty">未填写</span>}</dd>
            </div>
          ))}
        </dl>
      </details>
      <FormAlert messages={problem ? [problem] : []} />
      {self ? (
        <p className="console-list__meta">这是您自己的账户。</p>
      ) : (
        <div className="member-row__actions">
          {waiting && <ReviewForm member={member} onNotice={onNotice} />}
          {member.status === 'disabled' ? (
            <button type="button" className="button" onClick={() => change({ status: 'active' }, `已启用 ${member.username}。`)}>
              启用
            </button>
          ) : (
            <InlineConfirm
              label="停用"
              question={`停用后 ${member.username} 将无法登录，已登录的设备也会退出。`}
              confirmLabel="确定停用"
              busy={update.isPending}
              onConfirm={() => change({ status: 'disabled' }, `已停用 ${member.username}。`)}
            />
          )}
          <span className="member-row__role">
            <label htmlFor={roleId}>角色</label>
            <select id={roleId} value={role} onChange={(event) => setRole(event.target.value as MemberRole)}>
              {(Object.keys(ROLE_LABELS) as MemberRole[]).map((value) => (
                <option key={value} value={value}>
                  {ROLE_LABELS[value]}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button"
              aria-disabled={role === member.role || update.isPending || undefined}
              onClick={() => {
                if (role !== member.role) change({ role }, `${member.username} 的角色已改为${ROLE_LABELS[role]}。`);
              }}
            >
              修改角色
            </button>
          </span>
        </div>
      )}
    </li>
  );
}

/** The review of an enterprise member: approve or reject, with the reason kept beside the review. */
function ReviewForm({ member, onNotice }: { member: AdminMember; onNotice: (message: string) => void }) {
  const review = useReviewMember();
  const [decision, setDecision] = useState<ReviewDecision>('approve');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (review.isPending) return;
    if (reason.trim() === '') {
      setError(decision === 'approve' ? '请填写审核意见，如：资料齐全，信用代码核实无误' : '请填写不通过的理由，会员会看到它');
      return;
    }
    setError(undefined);
    setProblem(undefined);
    review.mutate(
      { id: member.id, review: { decision, reason: reason.trim() } },
      {
        onSuccess: () => onNotice(`${member.display_name} 的企业会员审核${decision === 'approve' ? '已通过' : '未通过'}。`),
        onError: (failure) => setProblem(memberProblem(failure)),
      },
    );
  };

  return (
    <form className="console-form review-form" noValidate onSubmit={submit} aria-label={`审核 ${member.display_name}`}>
      <fieldset className="console-form__group">
        <legend>企业会员审核</legend>
        <FormAlert messages={problem ? [problem] : []} />
        <div className="review-form__decision" role="radiogroup" aria-label="审核结果">
          <label className="checkbox">
            <input type="radio" name={`decision-${member.id}`} checked={decision === 'approve'} onChange={() => setDecision('approve')} />
            通过
          </label>
          <label className="checkbox">
            <input type="radio" name={`decision-${member.id}`} checked={decision === 'reject'} onChange={() => setDecision('reject')} />
            不通过
          </label>
        </div>
        <TextField label="理由" name="reason" value={reason} onChange={setReason} error={error} required multiline rows={2} />
        <button type="submit" className="button button--primary" aria-disabled={review.isPending || undefined}>
          {review.isPending ? '正在提交…' : '提交审核'}
        </button>
      </fieldset>
    </form>
  );
}
