import { useEffect, useRef, useState, type FormEvent, type SyntheticEvent } from 'react';
import { Link, useBlocker } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { FormAlert } from '@/components/ui/form-alert';
import { InlineConfirm } from '@/components/ui/inline-confirm';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { useFocusFirstInvalid } from '@/hooks/use-focus-first-invalid';
import { isNotFound } from '@/lib/api/client';
import { problemMessage } from '@/lib/api/problem-messages';
import type { components } from '@/lib/api/schema';
import { formatDateTime, fromBeijingInput, toBeijingInput } from '@/utils/format';
import { useEditorialArticle, type EditorialArticle, type VersionedArticle } from '../api/get-article';
import { useCreateArticle, useUpdateArticle, type CreateArticleRequest, type UpdateArticleRequest } from '../api/save-article';
import { useTrashArticle } from '../api/trash-article';
import { ARTICLE_LABELS, VISIBILITY_LABELS, isScheduled, statusLabel, type ArticleVisibility } from '../fields';
import { insertBlock } from '../markdown';
import { CONFLICT_MESSAGE, editorProblemsFrom } from '../server-errors';
import { ArticlePreview } from './article-preview';
import { MediaUpload } from './media-upload';
import { RevisionsPanel } from './revisions-panel';

export type Category = components['schemas']['CategoryResponse'];

/** The texts of the form, by the API's names; all of them may be sent as they are. */
const TEXT_FIELDS = [
  'title',
  'subtitle',
  'author',
  'author_note',
  'source',
  'summary',
  'body_markdown',
  'cover_url',
] as const satisfies ReadonlyArray<keyof UpdateArticleRequest & keyof CreateArticleRequest>;
const FLAG_FIELDS = ['featured', 'headline', 'pinned', 'comments_open'] as const satisfies ReadonlyArray<
  keyof UpdateArticleRequest & keyof CreateArticleRequest
>;

type TextName = (typeof TEXT_FIELDS)[number];
type FlagName = (typeof FLAG_FIELDS)[number];

type Values = Record<TextName, string> &
  Record<FlagName, boolean> & {
    /** The category's id as the select holds it; empty until one is chosen. */
    category_id: string;
    visibility: ArticleVisibility;
  };

/** What the editor does with the form: each button is one of these. */
type Intent = 'save' | 'publish' | 'schedule' | 'unpublish';

function valuesOf(article: EditorialArticle | undefined): Values {
  return {
    title: article?.title ?? '',
    subtitle: article?.subtitle ?? '',
    author: article?.author ?? '',
    author_note: article?.author_note ?? '',
    source: article?.source ?? '',
    summary: article?.summary ?? '',
    body_markdown: article?.body_markdown ?? '',
    cover_url: article?.cover_url ?? '',
    featured: article?.featured ?? false,
    headline: article?.headline ?? false,
    pinned: article?.pinned ?? false,
    comments_open: article?.comments_open ?? true,
    category_id: article ? String(article.category_id) : '',
    visibility: article?.visibility ?? 'public',
  };
}

/** The body is sent as typed (its whitespace is Markdown); other texts trimmed, as the API stores them. */
function textOf(name: TextName, values: Values): string {
  return name === 'body_markdown' ? values[name] : values[name].trim();
}

/** Only what differs from the saved version; an emptied optional text is sent empty, which clears it. */
function changesFrom(base: Values, values: Values): UpdateArticleRequest {
  const changes: UpdateArticleRequest = {};
  for (const name of TEXT_FIELDS) {
    const now = textOf(name, values);
    if (now !== base[name]) {
      changes[name] = now;
    }
  }
  for (const name of FLAG_FIELDS) {
    if (values[name] !== base[name]) {
      changes[name] = values[name];
    }
  }
  if (values.category_id !== base.category_id) {
    changes.category_id = Number(values.category_id);
  }
  if (values.visibility !== base.visibility) {
    changes.visibility = values.visibility;
  }
  return changes;
}

function createBody(values: Values): CreateArticleRequest {
  const body: CreateArticleRequest = { title: values.title.trim(), category_id: Number(values.category_id) };
  for (const name of TEXT_FIELDS) {
    const text = textOf(name, values);
    if (text !== '') {
      body[name] = text;
    }
  }
  for (const name of FLAG_FIELDS) {
    body[name] = values[name];
  }
  body.visibility = values.visibility;
  return body;
}

/** What both a new article and a change say about publication. */
type StatusChange = Pick<CreateArticleRequest & UpdateArticleRequest, 'status' | 'published_at'>;

/** The status move of an intent. `publishAt` is the scheduled time, already checked. */
function statusChange(intent: Intent, article: EditorialArticle | undefined, publishAt: string | undefined): StatusChange {
  switch (intent) {
    case 'save':
      return article === undefined ? { status: 'draft' } : {};
    case 'publish':
      // A scheduled article keeps its future time unless told otherwise; any other gets now from the API.
      return article !== undefined && isScheduled(article.status, article.published_at)
        ? { status: 'published', published_at: new Date().toISOString() }
        : { status: 'published' };
    case 'schedule':
      return { status: 'published', published_at: publishAt };
    case 'unpublish':
      return { status: 'draft' };
  }
}

function noticeFor(intent: Intent, article: EditorialArticle, created: boolean): string {
  switch (intent) {
    case 'save':
      return created ? '草稿已保存。' : '修改已保存。';
    case 'publish':
      return '文章已发布。';
    case 'schedule':
      return `已设为定时发布，将于 ${formatDateTime(article.published_at)}（北京时间）发布。`;
    case 'unpublish':
      return '已撤回为草稿，读者将看不到本文。';
  }
}

function categoryOptions(categories: readonly Category[]) {
  return [
    { value: '', label: '（请选择）' },
    // Indented by depth, as the tree goes; full-width spaces keep their width in a select.
    ...categories.map((category) => ({ value: String(category.id), label: `${'　'.repeat(category.depth)}${category.name}` })),
  ];
}

const VISIBILITY_OPTIONS = (Object.keys(VISIBILITY_LABELS) as ArticleVisibility[]).map((value) => ({
  value,
  label: VISIBILITY_LABELS[value],
}));

type ArticleEditorProps = {
  /** Absent for a new article. */
  articleId?: number;
  categories: readonly Category[];
  /** After the first save of a new article, which has an address of its own from then on. */
  onCreated: (saved: VersionedArticle, notice: string) => void;
  /** After the article went to the trash. */
  onTrashed: (title: string) => void;
  /** Said when the page opens (after the first save, say). */
  notice?: string;
};

/** 新建文章 or 编辑文章: the form, a live preview of the body, the actions and (for an article) its revisions. */
export function ArticleEditor({ articleId, categories, onCreated, onTrashed, notice }: ArticleEditorProps) {
  if (articleId === undefined) {
    return <EditorForm categories={categories} onCreated={onCreated} onTrashed={onTrashed} />;
  }
  return <ExistingArticle id={articleId} categories={categories} onCreated={onCreated} onTrashed={onTrashed} notice={notice} />;
}

type Replacement = { versioned: VersionedArticle; generation: number; notice?: string };

function ExistingArticle({ id, categories, onCreated, onTrashed, notice }: ArticleEditorProps & { id: number }) {
  const article = useEditorialArticle(id);
  // A newer version the form must start again from (after 重新载入 or restoring a revision).
  const [replaced, setReplaced] = useState<Replacement | undefined>();

  // Once there is a version the form stays: a failed 重新载入 must not take the editor's text away.
  const current = replaced?.versioned ?? article.data;
  if (current === undefined) {
    if (article.isError) {
      if (isNotFound(article.error)) {
        return (
          <EmptyState title="文章不存在">
            <p>
              这篇文章可能已被永久删除。<Link to="/admin/articles">返回文章列表</Link>
            </p>
          </EmptyState>
        );
      }
      return <ErrorState title="文章加载失败" error={article.error} onRetry={() => void article.refetch()} />;
    }
    return <LoadingState label="正在加载文章…" />;
  }

  const replace = (versioned: VersionedArticle, message?: string) =>
    setReplaced((previous) => ({ versioned, generation: (previous?.generation ?? 0) + 1, notice: message }));

  return (
    <EditorForm
      // A new generation starts the form again from the version it was given.
      key={replaced?.generation ?? 0}
      initial={current}
      categories={categories}
      onCreated={onCreated}
      onTrashed={onTrashed}
      notice={replaced ? replaced.notice : notice}
      onReplaced={replace}
      onReload={async () => {
        const reloaded = await article.refetch();
        if (reloaded.isError || reloaded.data === undefined) {
          throw reloaded.error ?? new Error('the article could not be read again');
        }
        replace(reloaded.data, '已载入最新版本。');
      }}
    />
  );
}

type EditorFormProps = Omit<ArticleEditorProps, 'articleId'> & {
  /** The version the form starts from; absent for a new article. */
  initial?: VersionedArticle;
  onReplaced?: (versioned: VersionedArticle, notice?: string) => void;
  onReload?: () => Promise<void>;
};

function EditorForm({ initial, categories, onCreated, onTrashed, notice: openingNotice, onReplaced, onReload }: EditorFormProps) {
  // The version last read or saved here: its ETag goes in If-Match, so a save never overwrites a
  // newer version someone else saved meanwhile (the API answers 412 instead).
  const [saved, setSaved] = useState<VersionedArticle | undefined>(initial);
  const [base, setBase] = useState<Values>(() => valuesOf(initial?.article));
  const [values, setValues] = useState<Values>(base);
  const [publishAt, setPublishAt] = useState(() =>
    initial && isScheduled(initial.article.status, initial.article.published_at) ? toBeijingInput(initial.article.published_at) : '',
  );
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [reloadProblem, setReloadProblem] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>(openingNotice);
  const create = useCreateArticle();
  const update = useUpdateArticle();
  const trash = useTrashArticle();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // Where the caret was last seen in the body, for 插入正文; none until the editor has been in it.
  const bodyCaret = useRef<number | undefined>(undefined);

  const article = saved?.article;
  const busy = create.isPending || update.isPending || trash.isPending;
  const dirty = Object.keys(changesFrom(base, values)).length > 0;
  // Set just before the editor itself moves on (after the first save, to the trash): no question then.
  const leaving = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useLeaveWarning(dirty);
  const stayButton = useRef<HTMLButtonElement>(null);
  // The question may be far from the link that was clicked: the focus (and the scroll) goes to it.
  useEffect(() => {
    if (blocker.state === 'blocked') stayButton.current?.focus();
  }, [blocker.state]);
  const status = article?.status ?? 'new';
  const scheduled = article !== undefined && isScheduled(article.status, article.published_at);
  const live = status === 'published' && !scheduled && !article?.trashed_at;

  const set = <K extends keyof Values>(name: K) => (value: Values[K]) => {
    setValues((current) => ({ ...current, [name]: value }));
    if (errors[name] !== undefined) {
      setErrors((current) => ({ ...current, [name]: undefined }));
    }
  };

  const refused = (error: Error) => {
    const problems = editorProblemsFrom(error);
    setConflict(problems.conflict);
    setErrors(problems.fields);
    setGeneral(problems.general);
    focusFirstInvalid();
  };

  /** `sent`: the values the save sent, shown as stored if nothing was typed since (none: keep the form). */
  const succeeded = (versioned: VersionedArticle, sent: Values | undefined, message: string) => {
    setSaved(versioned);
    setConflict(false);
    const now = valuesOf(versioned.article);
    setBase(now);
    // Shows the text as stored (trimmed), unless the editor typed on while it was being saved.
    setValues((current) => (sent !== undefined && current === sent ? now : current));
    if (isScheduled(versioned.article.status, versioned.article.published_at)) {
      setPublishAt(toBeijingInput(versioned.article.published_at));
    }
    setNotice(message);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  const check = (intent: Intent): { found: Record<string, string>; at?: string } => {
    const found: Record<string, string> = {};
    if (values.title.trim() === '') found.title = '请填写标题';
    if (values.category_id === '') found.category_id = '请选择栏目';
    let at: string | undefined;
    if (intent === 'schedule') {
      at = fromBeijingInput(publishAt);
      if (at === undefined) {
        found.published_at = '请填写定时发布的时间';
      } else if (Date.parse(at) <= Date.now()) {
        found.published_at = '定时发布的时间必须晚于现在';
      }
    }
    return { found, at };
  };

  const perform = (intent: Intent) => {
    if (busy) {
      return;
    }
    const { found, at } = check(intent);
    setErrors(found);
    setGeneral([]);
    setNotice(undefined);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid();
      return;
    }
    const sent = values;
    if (saved === undefined) {
      create.mutate(
        { ...createBody(sent), ...statusChange(intent, undefined, at) },
        {
          onSuccess: (created) => {
            leaving.current = true;
            onCreated(created, noticeFor(intent, created.article, true));
          },
          onError: refused,
        },
      );
      return;
    }
    const changes = { ...changesFrom(base, sent), ...statusChange(intent, saved.article, at) };
    if (Object.keys(changes).length === 0) {
      setNotice('没有需要保存的修改。');
      return;
    }
    update.mutate(
      { id: saved.article.id, etag: saved.etag, changes },
      { onSuccess: (versioned) => succeeded(versioned, sent, noticeFor(intent, versioned.article, false)), onError: refused },
    );
  };

  const untrash = () => {
    if (saved === undefined || busy) return;
    update.mutate(
      { id: saved.article.id, etag: saved.etag, changes: { trashed: false } },
      { onSuccess: (versioned) => succeeded(versioned, undefined, '已移出回收站。'), onError: refused },
    );
  };

  const reload = () => {
    if (onReload === undefined) return;
    setReloadProblem(undefined);
    onReload().catch((error: Error) => setReloadProblem(`重新载入未成功：${problemMessage(error)}`));
  };

  const rememberCaret = (event: SyntheticEvent) => {
    const target = event.target;
    if (target instanceof HTMLTextAreaElement && target.name === 'body_markdown') {
      bodyCaret.current = target.selectionEnd;
    }
  };

  /** Puts `markdown` in the body as a paragraph of its own, at the caret or (never placed) at the end. */
  const insertIntoBody = (markdown: string) => {
    const body = values.body_markdown;
    const { text, caret } = insertBlock(body, bodyCaret.current ?? body.length, markdown);
    bodyCaret.current = caret;
    set('body_markdown')(text);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Enter in a field saves without changing the status.
    perform('save');
  };

  const text = (name: TextName, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      name={name}
      label={ARTICLE_LABELS[name]}
      value={values[name]}
      onChange={set(name)}
      error={errors[name]}
      {...extra}
    />
  );

  return (
    <div className="editor">
      <form ref={formRef} className="editor__form" noValidate onSubmit={submit} aria-label={article ? '编辑文章' : '新建文章'}>
        {article && (
          <p className="editor__status">
            状态：<strong>{statusLabel(article.status, article.published_at)}</strong>
            {article.published_at && <span>（发布时间 {formatDateTime(article.published_at)}）</span>}
            {live && (
              <>
                {' '}
                <Link to={`/a/${article.id}`}>在网站上查看</Link>
              </>
            )}
          </p>
        )}
        {blocker.state === 'blocked' && (
          <div className="notice editor__leave" role="alertdialog" aria-label="离开本页">
            <p>有尚未保存的修改，离开本页将放弃这些修改。</p>
            <button type="button" className="button" onClick={() => blocker.proceed()}>
              放弃修改并离开
            </button>{' '}
            <button ref={stayButton} type="button" className="button button--primary" onClick={() => blocker.reset()}>
              留在本页
            </button>
          </div>
        )}
        {conflict && (
          <div className="form-alert editor__conflict" role="alert">
            <p>
              <strong>{CONFLICT_MESSAGE}</strong>
            </p>
            <p>重新载入会显示最新的版本，并放弃本页中尚未保存的修改；需要保留的内容请先复制。</p>
            {reloadProblem && <p>{reloadProblem}</p>}
            <button type="button" className="button" onClick={reload}>
              重新载入
            </button>
          </div>
        )}
        {article?.trashed_at && (
          <div className="notice editor__trashed" role="note">
            <p>本文在回收站中，读者看不到它。</p>
            <button type="button" className="button" onClick={untrash}>
              移出回收站
            </button>
          </div>
        )}
        <FormAlert messages={general} />
        {notice && (
          <p ref={noticeRef} className="form-success" role="status" tabIndex={-1}>
            {notice}
          </p>
        )}

        <fieldset className="editor__group">
          <legend>文章信息</legend>
          {text('title', { required: true, maxLength: 200 })}
          {text('subtitle')}
          {text('author', { hint: '署名，如：周辉' })}
          {text('author_note', { hint: '显示在正文之后，如：作者系中共溆浦县委书记' })}
          {text('source', { hint: '转载时填写原刊或原网站' })}
          <SelectField
            name="category_id"
            label={ARTICLE_LABELS.category_id}
            value={values.category_id}
            onChange={set('category_id')}
            options={categoryOptions(categories)}
            error={errors.category_id}
            required
          />
          {text('summary', { multiline: true, rows: 3, hint: '列表和首页推荐中显示，最多 1000 字' })}
        </fieldset>

        {/* The body's select and input events bubble here: the caret for 插入正文. */}
        <div className="editor__body" onSelect={rememberCaret} onInput={rememberCaret}>
          {text('body_markdown', {
            label: '正文（Markdown）',
            multiline: true,
            rows: 18,
            hint: '空一行分段；## 开头的一行为小标题；![说明](图片地址) 插入图片',
          })}
          <ArticlePreview markdown={values.body_markdown} />
        </div>

        <MediaUpload onInsert={insertIntoBody} onCover={set('cover_url')} coverUrl={values.cover_url} />

        <fieldset className="editor__group">
          <legend>发布设置</legend>
          {text('cover_url', { type: 'url', hint: '以 http:// 或 https:// 开头的地址，或上传后得到的 /media/… 路径' })}
          <CoverThumbnail url={values.cover_url} />
          <SelectField
            name="visibility"
            label={ARTICLE_LABELS.visibility}
            value={values.visibility}
            onChange={(value) => set('visibility')(value as ArticleVisibility)}
            options={VISIBILITY_OPTIONS}
            hint="会员：登录的会员可读全文；企业会员：审核通过的企业会员可读全文"
          />
          <div className="field">
            <span className="field__label">标记</span>
            <div className="field__control editor__flags">
              {FLAG_FIELDS.map((name) => (
                <label key={name} className="checkbox">
                  <input type="checkbox" name={name} checked={values[name]} onChange={(event) => set(name)(event.target.checked)} />
                  {ARTICLE_LABELS[name]}
                </label>
              ))}
            </div>
          </div>
        </fieldset>

        <div className="editor__actions">
          {dirty && <p className="editor__dirty">有尚未保存的修改</p>}
          <div className="editor__buttons">
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              {status === 'new' || status === 'draft' ? '保存草稿' : '保存修改'}
            </button>
            {(status === 'new' || status === 'draft' || status === 'pending' || scheduled) && (
              <button type="button" className="button button--primary" aria-disabled={busy || undefined} onClick={() => perform('publish')}>
                立即发布
              </button>
            )}
            {status !== 'new' && status !== 'draft' && (
              <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => perform('unpublish')}>
                撤回为草稿
              </button>
            )}
          </div>
          {status !== 'archived' && (status !== 'published' || scheduled) && (
            <div className="editor__schedule">
              <TextField
                name="published_at"
                label="发布时间（北京时间）"
                type="datetime-local"
                value={publishAt}
                onChange={(value) => {
                  setPublishAt(value);
                  setErrors((current) => ({ ...current, published_at: undefined }));
                }}
                error={errors.published_at}
              />
              <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => perform('schedule')}>
                定时发布
              </button>
            </div>
          )}
          {busy && (
            <p className="editor__busy" role="status">
              正在保存…
            </p>
          )}
          {article && !article.trashed_at && (
            <div className="editor__danger">
              <InlineConfirm
                label="移到回收站"
                question="确定把本文移到回收站吗？读者将看不到它，可在回收站中找回。"
                confirmLabel="移到回收站"
                busy={busy}
                onConfirm={() =>
                  trash.mutate(article.id, {
                    onSuccess: () => {
                      leaving.current = true;
                      onTrashed(article.title);
                    },
                    onError: (error) => setGeneral([problemMessage(error)]),
                  })
                }
              />
            </div>
          )}
        </div>
      </form>
      {saved && onReplaced && (
        <RevisionsPanel
          articleId={saved.article.id}
          etag={saved.etag}
          onRestored={(versioned) => onReplaced(versioned, '已恢复到所选版本。')}
        />
      )}
    </div>
  );
}

/** What the cover field may hold: an upload's path or a web address (the API checks it again on save). */
const COVER_ADDRESS = /^(\/media\/[\w.-]+|https?:\/\/\S+)$/;

/** A small picture of the cover once its address stops changing; nothing for an address half typed. */
function CoverThumbnail({ url }: { url: string }) {
  const settled = useDebouncedValue(url.trim(), 400);
  const [broken, setBroken] = useState<string | undefined>();
  if (!COVER_ADDRESS.test(settled)) {
    return null;
  }
  return (
    <div className="field editor__cover">
      <span className="field__label" aria-hidden="true" />
      <div className="field__control">
        {broken === settled ? (
          <p className="field__hint">封面图片无法显示，请检查地址。</p>
        ) : (
          <img className="editor__cover-thumb" src={settled} alt="封面预览" onError={() => setBroken(settled)} />
        )}
      </div>
    </div>
  );
}

/** While there are unsaved changes, the browser asks before the tab is closed or reloaded. */
function useLeaveWarning(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
