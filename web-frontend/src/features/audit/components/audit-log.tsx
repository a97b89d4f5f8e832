import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { formatDateTime } from '@/utils/format';
import { useAudit, type AuditEntry, type AuditFilters } from '../api/list-audit';
import '@/components/ui/console.css';

/** The actions the API records, in words (an action not listed here is shown as the API names it). */
export const ACTION_LABELS: Record<string, string> = {
  'article.create': '新建文章',
  'article.update': '修改文章',
  'article.publish': '发布文章',
  'article.status': '改变文章状态',
  'article.trash': '文章移到回收站',
  'article.purge': '永久删除文章',
  'article.restore_revision': '恢复文章版本',
  'category.create': '新建栏目',
  'category.update': '修改栏目',
  'category.delete': '删除栏目',
  'comment.moderate': '审核评论',
  'comment.bulk': '批量审核评论',
  'comment.delete': '删除评论',
  'member.update': '修改会员',
  'member.review': '审核企业会员',
  'token.create': '创建 API 令牌',
  'token.delete': '撤销 API 令牌',
  'media.upload': '上传图片',
  'media.delete': '删除图片',
  'settings.banned_words': '修改屏蔽词',
};

export const TARGET_LABELS: Record<string, string> = {
  article: '文章',
  category: '栏目',
  comment: '评论',
  member: '会员',
  token: 'API 令牌',
  media: '图片',
  settings: '设置',
};

/** The filters the page offers; the address holds them (`?action=…&target_type=…`). */
export type AuditListState = {
  action: string;
  targetType: string;
  targetId: string;
  page: number;
};

function filtersOf(state: AuditListState): AuditFilters {
  const filters: AuditFilters = { page: state.page };
  if (state.action !== '') filters.action = state.action;
  if (state.targetType !== '') filters.target_type = state.targetType;
  if (state.targetId.trim() !== '') filters.target_id = state.targetId.trim();
  return filters;
}

/** Where a logged target can be looked at in the console or on the site, if anywhere. */
function targetLink(entry: AuditEntry): string | undefined {
  if (entry.target_type === 'article' && /^\d+$/.test(entry.target_id) && entry.action !== 'article.purge') {
    return `/admin/articles/${entry.target_id}`;
  }
  return undefined;
}

type AuditLogProps = {
  state: AuditListState;
  hrefFor: (state: AuditListState) => string;
  onChange: (state: AuditListState) => void;
};

/** 审计日志: every write by an editor or admin, newest first, by action and target. */
export function AuditLog({ state, hrefFor, onChange }: AuditLogProps) {
  const log = useAudit(filtersOf(state));
  const [draft, setDraft] = useState(state);
  const actionId = useId();
  const typeId = useId();
  const targetId = useId();

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ ...draft, page: 1 });
  };

  return (
    <>
      <form className="console-filters console-filters--bar" role="search" aria-label="筛选日志" onSubmit={apply}>
        <label htmlFor={actionId}>动作</label>
        <select id={actionId} value={draft.action} onChange={(event) => setDraft({ ...draft, action: event.target.value })}>
          <option value="">全部</option>
          {Object.entries(ACTION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor={typeId}>对象类型</label>
        <select id={typeId} value={draft.targetType} onChange={(event) => setDraft({ ...draft, targetType: event.target.value })}>
          <option value="">全部</option>
          {Object.entries(TARGET_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor={targetId}>对象编号</label>
        <input id={targetId} value={draft.targetId} size={8} onChange={(event) => setDraft({ ...draft, targetId: event.target.value })} />
        <button type="submit" className="button">
          筛选
        </button>
      </form>
      {log.isPending ? (
        <LoadingState label="正在加载日志…" />
      ) : log.isError ? (
        <ErrorState title="审计日志加载失败" error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <EmptyState title="没有符合条件的记录" />
      ) : (
        <>
          <p className="console-summary">共 {log.data.total} 条</p>
          <div className="table-scroll">
            <table className="console-table" aria-busy={log.isPlaceholderData || undefined}>
              <caption className="visually-hidden">审计日志</caption>
              <thead>
                <tr>
                  <th scope="col">时间</th>
                  <th scope="col">操作人</th>
                  <th scope="col">动作</th>
                  <th scope="col">对象</th>
                  <th scope="col">摘要</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((entry) => {
                  const link = targetLink(entry);
                  const target = `${TARGET_LABELS[entry.target_type] ?? entry.target_type} ${entry.target_id}`;
                  return (
                    <tr key={entry.id}>
                      <td className="console-table__nowrap">
                        <time dateTime={entry.created_at}>{formatDateTime(entry.created_at)}</time>
                      </td>
                      <td>{entry.actor_name}</td>
                      <td>{ACTION_LABELS[entry.action] ?? entry.action}</td>
                      <td className="console-table__nowrap">{link ? <Link to={link}>{target}</Link> : target}</td>
                      <td className="console-table__wrap">{entry.summary}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {log.data.total_pages > 1 && (
            <Pagination page={state.page} totalPages={log.data.total_pages} hrefFor={(page) => hrefFor({ ...state, page })} />
          )}
        </>
      )}
    </>
  );
}
