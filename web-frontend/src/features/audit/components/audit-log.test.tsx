import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage } from '@/features/audit/api/list-audit';
import { adminMember, categoryList, home, sessionFor, site } from '@/testing/fixtures';
import { jsonResponse, loadConsolePages, renderApp, requestsTo, stubApi } from '@/testing/render-app';

const entry: AuditEntry = {
  id: 9,
  action: 'article.publish',
  actor_id: 3,
  actor_name: '李编辑',
  created_at: '2026-11-28T02:44:00Z',
  summary: 'draft → published: 秘书工作的新要求',
  target_id: '42',
  target_type: 'article',
};

const pages = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/home': home,
  'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(adminMember)),
};

beforeAll(loadConsolePages);

describe('the audit log', () => {
  it('lists who did what to which, linking articles to their editor', async () => {
    const page: AuditPage = { items: [entry], page: 1, per_page: 50, total: 1, total_pages: 1 };
    stubApi({ ...pages, 'GET /api/v1/admin/audit': page });

    renderApp('/admin/audit');

    const table = await screen.findByRole('table', { name: '审计日志' }, { timeout: 5_000 });
    const row = within(table).getByRole('row', { name: /李编辑/ });
    expect(Array.from(row.querySelectorAll('td'), (cell) => cell.textContent)).toEqual([
      '2026-11-28 10:44',
      '李编辑',
      '发布文章',
      '文章 42',
      'draft → published: 秘书工作的新要求',
    ]);
    expect(within(row).getByRole('link', { name: '文章 42' }).getAttribute('href')).toBe('/admin/articles/42');
    await waitFor(() => expect(document.title).toBe('审计日志 - 管理后台 - 当代秘书'));
  });

  it('filters by action and target, and pages through the address', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/admin/audit': (request) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        return jsonResponse({ items: [{ ...entry, id: page }], page, per_page: 50, total: 120, total_pages: 3 });
      },
    });

    const { router } = renderApp('/admin/audit');
    const filters = await screen.findByRole('search', { name: '筛选日志' }, { timeout: 5_000 });
    fireEvent.change(within(filters).getByLabelText('动作'), { target: { value: 'category.delete' } });
    fireEvent.change(within(filters).getByLabelText('对象类型'), { target: { value: 'category' } });
    fireEvent.change(within(filters).getByLabelText('对象编号'), { target: { value: '7' } });
    fireEvent.click(within(filters).getByRole('button', { name: '筛选' }));

    await waitFor(() => expect(router.state.location.search).toBe('?action=category.delete&target_type=category&target_id=7'));
    fireEvent.click(await screen.findByRole('link', { name: '下一页' }));
    await waitFor(() => expect(router.state.location.search).toContain('page=2'));

    await waitFor(() => expect(requestsTo(fetchMock, 'GET /api/v1/admin/audit').length).toBeGreaterThanOrEqual(3));
    const last = new URL(requestsTo(fetchMock, 'GET /api/v1/admin/audit').at(-1)!.url).searchParams;
    expect(Object.fromEntries(last)).toEqual({
      per_page: '50',
      page: '2',
      action: 'category.delete',
      target_type: 'category',
      target_id: '7',
    });
  });
});
