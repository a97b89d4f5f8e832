import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { FormAlert } from '@/components/ui/form-alert';
import { InlineConfirm } from '@/components/ui/inline-confirm';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { formProblemsFrom, problemMessage } from '@/lib/api/problem-messages';
import type { Member } from '@/lib/auth/session';
import { formatDateTime } from '@/utils/format';
import { useCreateToken, useRevokeToken, useTokens, type CreatedToken, type Scope, type Token } from '../api/tokens';
import '@/components/ui/console.css';
import '@/components/ui/field.css';
import '../api-tokens.css';

export const SCOPE_LABELS: Record<Scope, string> = {
  'articles:write': '撰写和发布文章',
  'categories:write': '管理栏目',
  'media:write': '上传图片',
  'comments:moderate': '审核评论',
  'members:admin': '管理会员',
  'audit:read': '查看审计日志',
};

/** What a role may put in a token (the API refuses more): editors the editorial scopes, admins all. */
export function scopesFor(role: Member['role']): Scope[] {
  const editorial: Scope[] = ['articles:write', 'categories:write', 'media:write', 'comments:moderate'];
  if (role === 'admin') return [...editorial, 'members:admin', 'audit:read'];
  if (role === 'editor') return editorial;
  return [];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const EXPIRY_OPTIONS = [
  { value: '', label: '永不过期' },
  { value: '7', label: '7 天后' },
  { value: '30', label: '30 天后' },
  { value: '90', label: '90 天后' },
  { value: '365', label: '1 年后' },
];

/** When a token made now for `days` days stops working; never for an empty choice. */
function expiryFrom(days: string): string | null {
  return days === '' ? null : new Date(Date.now() + Number(days) * DAY_MS).toISOString();
}

function hasExpired(token: Token): boolean {
  return token.expires_at != null && Date.parse(token.expires_at) <= Date.now();
}

const TOKEN_LABELS: Record<string, string> = { name: '名称', scopes: '权限', expires_at: '有效期' };

/** API 令牌: the signed-in member's tokens for scripts, a new one (its secret shown once), revoking. */
export function TokenManager({ member }: { member: Member }) {
  const tokens = useTokens(member.id);
  const [created, setCreated] = useState<CreatedToken | undefined>();
  return (
    <>
      <p className="console-intro">
        API 令牌供脚本和其他程序调用本站接口（请求头 <code>Authorization: Bearer 令牌</code>）。令牌的权限不会超过您账户当前的角色；不再使用的令牌请及时撤销。
      </p>
      {created && <NewSecret token={created} onDismiss={() => setCreated(undefined)} />}
      {tokens.isPending ? (
        <LoadingState label="正在加载令牌…" />
      ) : tokens.isError ? (
        <ErrorState title="令牌加载失败" error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <EmptyState title="还没有 API 令牌" />
      ) : (
        <TokenTable memberId={member.id} tokens={tokens.data} />
      )}
      <CreateTokenForm member={member} onCreated={setCreated} />
    </>
  );
}

function TokenTable({ memberId, tokens }: { memberId: number; tokens: Token[] }) {
  const revoke = useRevokeToken(memberId);
  return (
    <>
      <FormAlert messages={revoke.isError ? [`撤销未成功：${problemMessage(revoke.error)}`] : []} />
      <div className="table-scroll">
        <table className="console-table">
          <caption className="visually-hidden">我的 API 令牌</caption>
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">权限</th>
              <th scope="col">创建时间</th>
              <th scope="col">最近使用</th>
              <th scope="col">过期时间</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => {
              const expired = hasExpired(token);
              return (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{token.scopes.length === 0 ? '只读' : token.scopes.map((scope) => SCOPE_LABELS[scope] ?? scope).join('、')}</td>
                  <td>{formatDateTime(token.created_at)}</td>
                  <td>{token.last_used_at ? formatDateTime(token.last_used_at) : '从未使用'}</td>
                  <td>{token.expires_at ? `${formatDateTime(token.expires_at)}${expired ? '（已过期）' : ''}` : '永不过期'}</td>
                  <td>
                    <InlineConfirm
                      label="撤销"
                      question={`撤销后，使用“${token.name}”的程序将无法再访问接口。`}
                      confirmLabel="确定撤销"
                      busy={revoke.isPending}
                      onConfirm={() => revoke.mutate(token.id)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The secret of a token just made: shown this once, with a way to copy it. */
function NewSecret({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const secretId = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const copy = () => {
    input.current?.select();
    // The clipboard needs a secure context and permission; where it is refused the text stays selected.
    if (navigator.clipboard === undefined) {
      setCopied('no');
      return;
    }
    navigator.clipboard.writeText(token.token).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  };

  return (
    <div className="token-secret" role="region" aria-label="新令牌">
      <p className="token-secret__title">令牌“{token.name}”已创建</p>
      <p>
        <strong>请立即复制并妥善保存，此令牌只显示这一次</strong>，离开本页后无法再次查看；如果遗失，请撤销后重新创建。
      </p>
      <label htmlFor={secretId} className="visually-hidden">
        令牌
      </label>
      <div className="token-secret__row">
        <input ref={input} id={secretId} className="token-secret__value" readOnly value={token.token} onFocus={(event) => event.target.select()} />
        <button type="button" className="button" onClick={copy}>
          复制
        </button>
      </div>
      {copied === 'yes' && <p role="status">已复制到剪贴板。</p>}
      {copied === 'no' && <p role="status">无法自动复制，令牌已选中，请按 Ctrl+C（Mac 上为 ⌘+C）复制。</p>}
      <button type="button" className="link-button" onClick={onDismiss}>
        我已保存，关闭
      </button>
    </div>
  );
}

function CreateTokenForm({ member, onCreated }: { member: Member; onCreated: (token: CreatedToken) => void }) {
  const create = useCreateToken(member.id);
  const allowed = scopesFor(member.role);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ReadonlySet<Scope>>(new Set());
  const [expiry, setExpiry] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [general, setGeneral] = useState<string[]>([]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    if (name.trim() === '') {
      setErrors({ name: '请填写名称，如：发布脚本' });
      return;
    }
    setErrors({});
    setGeneral([]);
    create.mutate(
      {
        name: name.trim(),
        // In the order the API lists them, whatever order they were ticked in.
        scopes: allowed.filter((scope) => scopes.has(scope)),
        expires_at: expiryFrom(expiry),
      },
      {
        onSuccess: (token) => {
          setName('');
          setScopes(new Set());
          setExpiry('');
          onCreated(token);
        },
        onError: (error) => {
          const problems = formProblemsFrom(error, TOKEN_LABELS, (field, code) =>
            field === 'scopes' && code === 'scope_beyond_role' ? '所选权限超出了您账户的角色' : undefined,
          );
          setErrors(problems.fields);
          setGeneral(problems.general);
        },
      },
    );
  };

  return (
    <form className="console-form" noValidate onSubmit={submit} aria-label="创建 API 令牌">
      <fieldset className="console-form__group">
        <legend>创建 API 令牌</legend>
        <FormAlert messages={general} />
        <TextField label="名称" name="name" value={name} onChange={setName} error={errors.name} required maxLength={100} hint="用途，如：发布脚本、夜间导出" />
        <div className={`field${errors.scopes ? ' field--invalid' : ''}`}>
          <span className="field__label">权限</span>
          <div className="field__control">
            <div className="token-scopes" role="group" aria-label="权限">
              {allowed.map((scope) => (
                <label key={scope} className="checkbox">
                  <input
                    type="checkbox"
                    checked={scopes.has(scope)}
                    onChange={(event) => {
                      const next = new Set(scopes);
                      if (event.target.checked) next.add(scope);
                      else next.delete(scope);
                      setScopes(next);
                    }}
                  />
                  {SCOPE_LABELS[scope]}
                </label>
              ))}
            </div>
            {errors.scopes && <p className="field__error">{errors.scopes}</p>}
            <p className="field__hint">都不选则为只读令牌。</p>
          </div>
        </div>
        <SelectField label="有效期" name="expires_at" value={expiry} onChange={setExpiry} options={EXPIRY_OPTIONS} error={errors.expires_at} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" aria-disabled={create.isPending || undefined}>
            {create.isPending ? '正在创建…' : '创建令牌'}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
