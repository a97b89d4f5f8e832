import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AdminComment, AdminCommentPage } from '@/features/moderation/api/list-comments';
import { categoryList, editorMember, home, sessionFor, site } from '@/testing/fixtures';
import { bodyOf, jsonResponse, loadConsolePages, renderApp, requestsTo, stubApi } from '@/testing/render-app';

function pending(id: number, content: string): AdminComment {
  return {
    id,
    article_id: 5,
    article_title: '加强秘书队伍建设要坚持“四要”',
    author: { display_name: `读者${id}`, kind: 'personal' },
    content,
    created_at: '2026-11-28T02:00:00Z',
    edited: false,
    member_id: 10 + id,
    status: 'pending',
  };
}

function queue(items: AdminComment[]): AdminCommentPage {
  return { items, page: 1, per_page: 50, total: items.length, total_pages: items.length === 0 ? 0 : 1 };
}

const pages = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/home': home,
  'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(editorMember)),
};

beforeAll(loadConsolePages);

describe('the comment queue', () => {
  it('selects the whole page and approves it in one request, then shows what is left', async () => {
    let waiting = [pending(1, '写得好'), pending(2, '<b>不是标签</b>'), pending(3, '受益匪浅')];
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/admin/comments': () => jsonResponse(queue(waiting)),
      'POST /api/v1/admin/comments/bulk': async (request) => {
        const { ids } = (await bodyOf(request)) as { ids: number[] };
        waiting = waiting.filter((comment) => !ids.includes(comment.id));
        return jsonResponse({ affected: ids.length });
      },
    });

    renderApp('/admin/comments');

    expect(await screen.findByRole('heading', { level: 1, name: '评论审核' }, { timeout: 5_000 })).toBeTruthy();
    // Text as written, never markup.
    expect(await screen.findByText('<b>不是标签</b>')).toBeTruthy();
    const bar = screen.getByRole('group', { name: '批量操作' });
    const all = within(bar).getByLabelText('全选本页') as HTMLInputElement;

    // One ticked: 全选本页 shows "some".
    fireEvent.click(screen.getByLabelText('选择 读者2 的评论'));
    expect(all.indeterminate).toBe(true);
    expect(within(bar).getByText('已选 1 条')).toBeTruthy();

    fireEvent.click(all);
    expect(all.checked).toBe(true);
    expect(all.indeterminate).toBe(false);
    fireEvent.click(within(bar).getByRole('button', { name: '通过' }));

    expect(await screen.findByText('已通过 3 条评论。')).toBeTruthy();
    expect(await screen.findByText('没有待审核的评论')).toBeTruthy();
    const [bulk] = requestsTo(fetchMock, 'POST /api/v1/admin/comments/bulk');
    expect(await bodyOf(bulk)).toEqual({ action: 'approve', ids: [1, 2, 3] });
    expect(new URL(requestsTo(fetchMock, 'GET /api/v1/admin/comments')[0].url).searchParams.get('status')).toBe('pending');
  });

  it('rejects only the ticked comments, and sends nothing with none ticked', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/admin/comments': () => jsonResponse(queue([pending(1, '一'), pending(2, '二')])),
      'POST /api/v1/admin/comments/bulk': () => jsonResponse({ affected: 1 }),
    });

    renderApp('/admin/comments');
    const bar = await screen.findByRole('group', { name: '批量操作' }, { timeout: 5_000 });
    fireEvent.click(within(bar).getByRole('button', { name: '拒绝' }));
    expect(requestsTo(fetchMock, 'POST /api/v1/admin/comments/bulk')).toHaveLength(0);

    fireEvent.click(screen.getByLabelText('选择 读者2 的评论'));
    fireEvent.click(within(bar).getByRole('button', { name: '拒绝' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'POST /api/v1/admin/comments/bulk')).toHaveLength(1));
    expect(await bodyOf(requestsTo(fetchMock, 'POST /api/v1/admin/comments/bulk')[0])).toEqual({ action: 'reject', ids: [2] });
  });
});
