import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CategoryList } from '@/features/categories/api/list-categories';
import { categoryList, editorMember, home, sessionFor, site } from '@/testing/fixtures';
import { bodyOf, invalidFields, jsonResponse, loadConsolePages, problemResponse, renderApp, requestsTo, stubApi } from '@/testing/render-app';

/** 特稿 with 访谈 under it, then 活动竞赛. */
const tree: CategoryList = {
  items: [
    categoryList.items[0],
    { id: 3, name: '访谈', slug: 'interviews', parent_id: 1, description: '', sort_order: 0, article_count: 0, depth: 1 },
    categoryList.items[1],
  ],
};

const pages = {
  'GET /api/v1/site': site,
  'GET /api/v1/home': home,
  'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(editorMember)),
};

beforeAll(loadConsolePages);

function row(name: string) {
  const tree = screen.getByRole('list', { name: '全部栏目' });
  return within(tree).getByRole('link', { name }).closest('li') as HTMLElement;
}

/** The tree, once it has loaded. */
function treeLoaded() {
  return screen.findByRole('list', { name: '全部栏目' }, { timeout: 5_000 });
}

describe('the category tree', () => {
  it('creates a category under another', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/categories': tree,
      'POST /api/v1/categories': () => jsonResponse({ ...tree.items[1], id: 4, name: '理论', slug: 'theory' }, 201),
    });

    renderApp('/admin/categories');
    const form = await screen.findByRole('form', { name: '新建栏目' }, { timeout: 5_000 });
    fireEvent.change(within(form).getByLabelText('名称'), { target: { value: '理论' } });
    fireEvent.change(within(form).getByLabelText('网址标识'), { target: { value: 'Theory!' } });
    fireEvent.change(within(form).getByLabelText('上级栏目'), { target: { value: '1' } });
    fireEvent.click(within(form).getByRole('button', { name: '创建栏目' }));
    expect(within(form).getByText(/小写字母、数字和连字符/, { selector: '.field__error' })).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/categories')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('网址标识'), { target: { value: 'theory' } });
    fireEvent.click(within(form).getByRole('button', { name: '创建栏目' }));

    expect(await screen.findByText('栏目“理论”已创建。')).toBeTruthy();
    expect(await bodyOf(requestsTo(fetchMock, 'POST /api/v1/categories')[0])).toEqual({
      name: '理论',
      slug: 'theory',
      parent_id: 1,
      description: '',
      sort_order: 0,
    });
  });

  it('renames and moves a category, and says why a move under its own subtree is refused', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/categories': tree,
      'PATCH /api/v1/categories/1': () => invalidFields({ field: 'parent_id', code: 'cycle' }),
      'PATCH /api/v1/categories/3': async (request) => jsonResponse({ ...tree.items[1], ...((await bodyOf(request)) as object) }),
    });

    renderApp('/admin/categories');
    await treeLoaded();
    fireEvent.click(within(row('访谈')).getByRole('button', { name: '编辑 访谈' }));
    const form = screen.getByRole('form', { name: '编辑栏目“访谈”' });
    fireEvent.change(within(form).getByLabelText('名称'), { target: { value: '人物访谈' } });
    fireEvent.change(within(form).getByLabelText('上级栏目'), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存栏目' }));
    expect(await screen.findByText('栏目“人物访谈”已保存。')).toBeTruthy();
    expect(await bodyOf(requestsTo(fetchMock, 'PATCH /api/v1/categories/3')[0])).toEqual({ name: '人物访谈', parent_id: null });

    // The select leaves out the category and what is under it; the API's refusal is still explained.
    fireEvent.click(within(row('特稿')).getByRole('button', { name: '编辑 特稿' }));
    const features = screen.getByRole('form', { name: '编辑栏目“特稿”' });
    const parents = within(features).getByLabelText('上级栏目') as HTMLSelectElement;
    expect(Array.from(parents.options, (option) => option.textContent)).toEqual(['（顶级栏目）', '活动竞赛']);
    fireEvent.change(parents, { target: { value: '2' } });
    fireEvent.click(within(features).getByRole('button', { name: '保存栏目' }));
    expect(await within(features).findByText('不能移到它自己或它的下级栏目之下')).toBeTruthy();
  });

  it('moves a category up by numbering its siblings', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/categories': tree,
      'PATCH /api/v1/categories/1': () => jsonResponse(tree.items[0]),
      'PATCH /api/v1/categories/2': () => jsonResponse(tree.items[2]),
    });

    renderApp('/admin/categories');
    await treeLoaded();
    fireEvent.click(within(row('活动竞赛')).getByRole('button', { name: '上移 活动竞赛' }));

    expect(await screen.findByText('“活动竞赛”已上移。')).toBeTruthy();
    expect(await bodyOf(requestsTo(fetchMock, 'PATCH /api/v1/categories/2')[0])).toEqual({ sort_order: 10 });
    expect(await bodyOf(requestsTo(fetchMock, 'PATCH /api/v1/categories/1')[0])).toEqual({ sort_order: 20 });
  });

  it('deletes a category that holds articles once told where they go', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/categories': tree,
      'DELETE /api/v1/categories/2': (request) =>
        new URL(request.url).searchParams.get('move_to') === '1'
          ? new Response(null, { status: 204 })
          : problemResponse(409, 'category_not_empty', 'the category holds articles'),
    });

    renderApp('/admin/categories');
    await treeLoaded();
    fireEvent.click(within(row('活动竞赛')).getByRole('button', { name: '删除 活动竞赛' }));
    const form = screen.getByRole('form', { name: '删除栏目“活动竞赛”' });
    fireEvent.click(within(form).getByRole('button', { name: '确定删除' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('请选择把这些文章移到哪个栏目');

    fireEvent.change(within(form).getByLabelText('文章移到'), { target: { value: '1' } });
    fireEvent.click(within(form).getByRole('button', { name: '确定删除' }));
    expect(await screen.findByText('栏目“活动竞赛”已删除。')).toBeTruthy();
    await waitFor(() => expect(requestsTo(fetchMock, 'DELETE /api/v1/categories/2')).toHaveLength(2));
  });
});
