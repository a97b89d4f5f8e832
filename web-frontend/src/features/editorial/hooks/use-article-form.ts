import { useRef, useState } from 'react';
import { useFocusFirstInvalid } from '@/hooks/use-focus-first-invalid';
import { problemMessage } from '@/lib/api/problem-messages';
import { fromSiteTimeInput, toSiteTimeInput } from '@/utils/format';
import type { VersionedArticle } from '../api/get-article';
import { useCreateArticle, useUpdateArticle } from '../api/save-article';
import { useTrashArticle } from '../api/trash-article';
import { changesFrom, createBody, noticeFor, statusChange, valuesOf, type Intent, type TextName, type Values } from '../article-form';
import { ARTICLE_LABELS, isScheduled } from '../fields';
import { editorProblemsFrom } from '../server-errors';
import { useLeaveGuard } from './use-leave-guard';

type ArticleFormOptions = {
  /** The version the form starts from; absent for a new article. */
  initial?: VersionedArticle;
  /** Said when the form opens (after the first save, say). */
  openingNotice?: string;
  onCreated: (saved: VersionedArticle, notice: string) => void;
  onTrashed: (title: string) => void;
  onReload?: () => Promise<void>;
};

/**
 * The editor's form: its values, what is wrong with them, and what its buttons do (save, publish,
 * schedule, unpublish, take out of or move to the trash, reload after a conflict).
 */
export function useArticleForm({ initial, openingNotice, onCreated, onTrashed, onReload }: ArticleFormOptions) {
  // The version last read or saved here: its ETag goes in If-Match, so a save never overwrites a
  // newer version someone else saved meanwhile (the API answers 412 instead).
  const [saved, setSaved] = useState<VersionedArticle | undefined>(initial);
  const [base, setBase] = useState<Values>(() => valuesOf(initial?.article));
  const [values, setValues] = useState<Values>(base);
  const [publishAt, setPublishAt] = useState(() =>
    initial && isScheduled(initial.article.status, initial.article.published_at) ? toSiteTimeInput(initial.article.published_at) : '',
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

  const article = saved?.article;
  const busy = create.isPending || update.isPending || trash.isPending;
  const dirty = Object.keys(changesFrom(base, values)).length > 0;
  const leaving = useRef(false);
  const { blocker, stayButton } = useLeaveGuard(dirty, leaving);
  const status = article?.status ?? 'new';
  const scheduled = article !== undefined && isScheduled(article.status, article.published_at);
  const live = status === 'published' && !scheduled && !article?.trashed_at;

  const set = <K extends keyof Values>(name: K) => (value: Values[K]) => {
    setValues((current) => ({ ...current, [name]: value }));
    if (errors[name] !== undefined) {
      setErrors((current) => ({ ...current, [name]: undefined }));
    }
  };

  /** What a TextField of the form needs for the text `name`. */
  const textProps = (name: TextName) => ({
    name,
    label: ARTICLE_LABELS[name],
    value: values[name],
    onChange: set(name),
    error: errors[name],
  });

  const changePublishAt = (value: string) => {
    setPublishAt(value);
    setErrors((current) => ({ ...current, published_at: undefined }));
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
      setPublishAt(toSiteTimeInput(versioned.article.published_at));
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
      at = fromSiteTimeInput(publishAt);
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

  const moveToTrash = () => {
    if (article === undefined) return;
    trash.mutate(article.id, {
      onSuccess: () => {
        leaving.current = true;
        onTrashed(article.title);
      },
      onError: (error) => setGeneral([problemMessage(error)]),
    });
  };

  const reload = () => {
    if (onReload === undefined) return;
    setReloadProblem(undefined);
    onReload().catch((error: Error) => setReloadProblem(`重新载入未成功：${problemMessage(error)}`));
  };

  const form = {
    saved,
    article,
    values,
    set,
    textProps,
    errors,
    general,
    notice,
    conflict,
    reloadProblem,
    publishAt,
    changePublishAt,
    busy,
    dirty,
    status,
    scheduled,
    live,
    blocker,
    perform,
    untrash,
    moveToTrash,
    reload,
  };
  // Apart from the form's state: a ref read during render would be stale, and React's lint says so.
  return { form, formRef, noticeRef, stayButtonRef: stayButton };
}

export type ArticleForm = ReturnType<typeof useArticleForm>['form'];
