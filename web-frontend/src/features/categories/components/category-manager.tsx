import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { FormAlert } from '@/components/ui/form-alert';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { ApiError } from '@/lib/api/client';
import { formProblemsFrom, problemMessage, type FormProblems } from '@/lib/api/problem-messages';
import { useCategories } from '../api/list-categories';
import {
  useCreateCategory,
  useDeleteCategory,
  useReorderCategories,
  useUpdateCategory,
  type Category,
  type UpdateCategoryRequest,
} from '../api/manage-categories';
import '@/components/ui/console.css';
import '@/components/ui/field.css';
import '../categories.css';

const CATEGORY_LABELS: Record<string, string> = {
  name: '名称',
  slug: '网址标识',
  parent_id: '上级栏目',
  description: '简介',
  sort_order: '排序',
};

/** The API's slug rule (api/src/categories/admin.rs), checked here for a message before sending. */
const SLUG = /^(?!\d+$)(?!-)(?!.*-$)[a-z0-9-]{1,50}$/;
const SLUG_HINT = '用于网址 /c/标识：小写字母、数字和连字符（-），不能全是数字，不以连字符开头或结尾';

function categoryField(field: string, code: string): string | undefined {
  if (field === 'parent_id' && code === 'cycle') return '不能移到它自己或它的下级栏目之下';
  if (field === 'slug' && (code === 'format' || code === 'invalid' || code === 'characters')) return SLUG_HINT;
  return undefined;
}

function problemsFrom(error: Error): FormProblems {
  if (error instanceof ApiError && error.code === 'slug_taken') {
    return { fields: { slug: '该标识已被其他栏目使用，请换一个' }, general: [] };
  }
  return formProblemsFrom(error, CATEGORY_LABELS, categoryField);
}

/** The ids of `id` and every category under it, from the depth-first list. */
function subtree(categories: readonly Category[], id: number): Set<number> {
  const start = categories.findIndex((category) => category.id === id);
  const ids = new Set<number>();
  if (start < 0) return ids;
  ids.add(id);
  for (let i = start + 1; i < categories.length && categories[i].depth > categories[start].depth; i += 1) {
    ids.add(categories[i].id);
  }
  return ids;
}

/** Choices of a category select: the tree, indented by depth, without `except`. */
function treeOptions(categories: readonly Category[], first: { value: string; label: string }, except = new Set<number>()) {
  return [
    first,
    ...categories
      .filter((category) => !except.has(category.id))
      .map((category) => ({ value: String(category.id), label: `${'　'.repeat(category.depth)}${category.name}` })),
  ];
}

function checkValues(values: Values): Partial<Record<string, string>> {
  const found: Partial<Record<string, string>> = {};
  if (values.name.trim() === '') found.name = '请填写名称';
  if (!SLUG.test(values.slug.trim())) found.slug = values.slug.trim() === '' ? '请填写网址标识' : SLUG_HINT;
  if (!/^-?\d{1,6}$/.test(values.sort_order.trim())) found.sort_order = '排序须为整数，小的在前';
  return found;
}

type Values = { name: string; slug: string; parent_id: string; description: string; sort_order: string };

function valuesOf(category?: Category): Values {
  return {
    name: category?.name ?? '',
    slug: category?.slug ?? '',
    parent_id: category?.parent_id == null ? '' : String(category.parent_id),
    description: category?.description ?? '',
    sort_order: String(category?.sort_order ?? 0),
  };
}

/** 栏目管理: the tree with each category's place, new categories, renaming, moving and deleting. */
export function CategoryManager() {
  const categories = useCategories();
  const [notice, setNotice] = useState<string | undefined>();

  if (categories.isPending) {
    return <LoadingState label="正在加载栏目…" />;
  }
  if (categories.isError) {
    return <ErrorState title="栏目加载失败" error={categories.error} onRetry={() => void categories.refetch()} />;
  }
  const items = categories.data.items;
  return (
    <>
      {notice && (
        <p className="form-success" role="status">
          {notice}
        </p>
      )}
      {items.length === 0 ? (
        <EmptyState title="还没有栏目" />
      ) : (
        <CategoryTree categories={items} onNotice={setNotice} />
      )}
      <CategoryForm categories={items} onDone={(message) => setNotice(message)} />
    </>
  );
}

function CategoryTree({ categories, onNotice }: { categories: readonly Category[]; onNotice: (message: string) => void }) {
  const [editing, setEditing] = useState<number | undefined>();
  const [deleting, setDeleting] = useState<number | undefined>();
  const reorder = useReorderCategories();

  /** Moves a category one place among its siblings, numbering them 10, 20, 30 … so the order is explicit. */
  const move = (category: Category, by: -1 | 1) => {
    const siblings = categories.filter((other) => (other.parent_id ?? null) === (category.parent_id ?? null));
    const at = siblings.findIndex((other) => other.id === category.id);
    const to = at + by;
    if (reorder.isPending || to < 0 || to >= siblings.length) return;
    const order = [...siblings];
    [order[at], order[to]] = [order[to], order[at]];
    const changes = order
      .map((other, index) => ({ id: other.id, sort_order: (index + 1) * 10, before: other.sort_order }))
      .filter((change) => change.sort_order !== change.before)
      .map(({ id, sort_order }) => ({ id, sort_order }));
    reorder.mutate(changes, {
      onSuccess: () => onNotice(`“${category.name}”已${by < 0 ? '上移' : '下移'}。`),
    });
  };

  return (
    <>
      <FormAlert messages={reorder.isError ? [`调整顺序未成功：${problemMessage(reorder.error)}`] : []} />
      <ul className="category-tree" aria-label="全部栏目" aria-busy={reorder.isPending || undefined}>
        {categories.map((category) => {
          const siblings = categories.filter((other) => (other.parent_id ?? null) === (category.parent_id ?? null));
          const index = siblings.findIndex((other) => other.id === category.id);
          return (
            <li key={category.id} className="category-tree__item" style={{ paddingLeft: `${category.depth * 1.5}em` }}>
              <div className="category-tree__row">
                <span className="category-tree__name">
                  <Link to={`/c/${category.slug}`}>{category.name}</Link>
                </span>
                <span className="category-tree__meta">
                  {category.slug} · 排序 {category.sort_order} · {category.article_count} 篇已发布
                </span>
                <span className="category-tree__actions">
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`上移 ${category.name}`}
                    aria-disabled={index === 0 || reorder.isPending || undefined}
                    onClick={() => move(category, -1)}
                  >
                    上移
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`下移 ${category.name}`}
                    aria-disabled={index === siblings.length - 1 || reorder.isPending || undefined}
                    onClick={() => move(category, 1)}
                  >
                    下移
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`编辑 ${category.name}`}
                    aria-expanded={editing === category.id}
                    onClick={() => {
                      setDeleting(undefined);
                      setEditing(editing === category.id ? undefined : category.id);
                    }}
                  >
                    编辑
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`删除 ${category.name}`}
                    aria-expanded={deleting === category.id}
                    onClick={() => {
                      setEditing(undefined);
                      setDeleting(deleting === category.id ? undefined : category.id);
                    }}
                  >
                    删除
                  </button>
                </span>
              </div>
              {editing === category.id && (
                <CategoryForm
                  category={category}
                  categories={categories}
                  onDone={(message) => {
                    setEditing(undefined);
                    onNotice(message);
                  }}
                  onCancel={() => setEditing(undefined)}
                />
              )}
              {deleting === category.id && (
                <DeleteCategory
                  category={category}
                  categories={categories}
                  onDone={(message) => {
                    setDeleting(undefined);
                    onNotice(message);
                  }}
                  onCancel={() => setDeleting(undefined)}
                />
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

type CategoryFormProps = {
  /** The category to change; a new one when absent. */
  category?: Category;
  categories: readonly Category[];
  onDone: (message: string) => void;
  onCancel?: () => void;
};

/** 新建栏目, or a category's name, address, place in the tree and description. */
function CategoryForm({ category, categories, onDone, onCancel }: CategoryFormProps) {
  const [values, setValues] = useState<Values>(() => valuesOf(category));
  const [problems, setProblems] = useState<FormProblems>({ fields: {}, general: [] });
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const busy = create.isPending || update.isPending;
  const set = (name: keyof Values) => (value: string) => setValues({ ...values, [name]: value });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found = checkValues(values);
    setProblems({ fields: found, general: [] });
    if (Object.keys(found).length > 0) return;
    const parent = values.parent_id === '' ? null : Number(values.parent_id);
    const sortOrder = Number(values.sort_order.trim());
    const refused = (error: Error) => setProblems(problemsFrom(error));
    if (category === undefined) {
      create.mutate(
        {
          name: values.name.trim(),
          slug: values.slug.trim(),
          parent_id: parent,
          description: values.description.trim(),
          sort_order: sortOrder,
        },
        {
          onSuccess: (created) => {
            setValues(valuesOf());
            onDone(`栏目“${created.name}”已创建。`);
          },
          onError: refused,
        },
      );
      return;
    }
    const changes: UpdateCategoryRequest = {};
    const before = valuesOf(category);
    if (values.name.trim() !== before.name) changes.name = values.name.trim();
    if (values.slug.trim() !== before.slug) changes.slug = values.slug.trim();
    if (values.description.trim() !== before.description) changes.description = values.description.trim();
    if (values.parent_id !== before.parent_id) changes.parent_id = parent;
    if (sortOrder !== category.sort_order) changes.sort_order = sortOrder;
    if (Object.keys(changes).length === 0) {
      onCancel?.();
      return;
    }
    update.mutate({ id: category.id, changes }, { onSuccess: (saved) => onDone(`栏目“${saved.name}”已保存。`), onError: refused });
  };

  const heading = category ? `编辑栏目“${category.name}”` : '新建栏目';
  return (
    <form className="console-form" noValidate onSubmit={submit} aria-label={heading}>
      <fieldset className="console-form__group">
        <legend>{heading}</legend>
        <FormAlert messages={problems.general} />
        <TextField label="名称" name="name" value={values.name} onChange={set('name')} error={problems.fields.name} required maxLength={50} />
        <TextField label="网址标识" name="slug" value={values.slug} onChange={set('slug')} error={problems.fields.slug} required hint={SLUG_HINT} />
        <SelectField
          label="上级栏目"
          name="parent_id"
          value={values.parent_id}
          onChange={set('parent_id')}
          // Not under itself or anything under it: the API would refuse the cycle.
          options={treeOptions(categories, { value: '', label: '（顶级栏目）' }, category ? subtree(categories, category.id) : undefined)}
          error={problems.fields.parent_id}
        />
        <TextField label="排序" name="sort_order" type="number" value={values.sort_order} onChange={set('sort_order')} error={problems.fields.sort_order} hint="同级栏目按此由小到大排列" />
        <TextField label="简介" name="description" value={values.description} onChange={set('description')} error={problems.fields.description} multiline rows={2} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
            {busy ? '正在保存…' : category ? '保存栏目' : '创建栏目'}
          </button>
          {onCancel && (
            <button type="button" className="button" onClick={onCancel}>
              取消
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}

type DeleteCategoryProps = {
  category: Category;
  categories: readonly Category[];
  onDone: (message: string) => void;
  onCancel: () => void;
};

/** Deleting a category: where its articles go (it may hold drafts even with no published ones). */
function DeleteCategory({ category, categories, onDone, onCancel }: DeleteCategoryProps) {
  const remove = useDeleteCategory();
  const [moveTo, setMoveTo] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const questionId = useId();
  const children = categories.filter((other) => other.parent_id === category.id);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (remove.isPending) return;
    setProblem(undefined);
    remove.mutate(
      { id: category.id, moveTo: moveTo === '' ? undefined : Number(moveTo) },
      {
        onSuccess: () => onDone(`栏目“${category.name}”已删除。`),
        onError: (error) =>
          setProblem(
            error instanceof ApiError && error.code === 'category_not_empty'
              ? '该栏目中还有文章（包括草稿），请选择把这些文章移到哪个栏目。'
              : error instanceof ApiError && error.code === 'validation_failed'
                ? '不能把文章移到要删除的栏目本身，请另选一个栏目。'
                : problemMessage(error),
          ),
      },
    );
  };

  return (
    <form className="console-form console-form--danger" noValidate onSubmit={submit} aria-describedby={questionId} aria-label={`删除栏目“${category.name}”`}>
      <p id={questionId}>
        确定删除栏目“{category.name}”吗？
        {children.length > 0 && `它的 ${children.length} 个下级栏目将移到它的上级。`}
      </p>
      <FormAlert messages={problem ? [problem] : []} />
      <SelectField
        label="文章移到"
        name="move_to"
        value={moveTo}
        onChange={setMoveTo}
        options={treeOptions(categories, { value: '', label: '（栏目中没有文章）' }, new Set([category.id]))}
        hint="栏目中的所有文章（任何状态）将先移到这里"
      />
      <div className="form-actions">
        <button type="submit" className="button button--danger" aria-disabled={remove.isPending || undefined}>
          {remove.isPending ? '正在删除…' : '确定删除'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}
