import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemberPage } from '@/features/members/api/admin-members';
import { adminMember, categoryList, home, pendingEnterprise, personalMember, sessionFor, site } from '@/testing/fixtures';
import { bodyOf, jsonResponse, loadConsolePages, problemResponse, renderApp, requestsTo, stubApi } from '@/testing/render-app';

function memberPage(items: MemberPage['items']): MemberPage {
  return { items, page: 1, per_page: 20, total: items.length, total_pages: 1 };
}

const pages = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/home': home,
  'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(adminMember)),
};

beforeAll(loadConsolePages);

function rowOf(name: string) {
  return within(screen.getByRole('main')).getByText(name, { selector: 'strong' }).closest('li') as HTMLElement;
}

describe('the members page', () => {
  it('filters by kind and status through the address', async () => {
    const fetchMock = stubApi({ ...pages, 'GET /api/v1/admin/members': () => jsonResponse(memberPage([pendingEnterprise])) });

    const { router } = renderApp('/admin/members');
    const filters = await screen.findByRole('search', { name: '筛选会员' }, { timeout: 5_000 });
    fireEvent.change(within(filters).getByLabelText('类型'), { target: { value: 'enterprise' } });
    await waitFor(() => expect(router.state.location.search).toBe('?kind=enterprise'));
    fireEvent.change(within(filters).getByLabelText('状态'), { target: { value: 'pending' } });
    await waitFor(() => expect(router.state.location.search).toBe('?kind=enterprise&status=pending'));

    await waitFor(() => {
      const last = new URL(requestsTo(fetchMock, 'GET /api/v1/admin/members').at(-1)!.url).searchParams;
      expect(last.get('kind')).toBe('enterprise');
      expect(last.get('status')).toBe('pending');
    });
  });

  it('reviews an enterprise member with a reason', async () => {
    let waiting = true;
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/admin/members': () => jsonResponse(memberPage([waiting ? pendingEnterprise : { ...pendingEnterprise, status: 'rejected' }])),
      'POST /api/v1/admin/members/8/review': () => {
        waiting = false;
        return jsonResponse({ member: { ...pendingEnterprise, status: 'rejected' }, reviews: [] });
      },
    });

    renderApp('/admin/members');
    await screen.findByText('秘书文化有限公司', { selector: 'strong' }, { timeout: 5_000 });
    const form = within(rowOf('秘书文化有限公司')).getByRole('form', { name: '审核 秘书文化有限公司' });
    fireEvent.click(within(form).getByLabelText('不通过'));
    fireEvent.click(within(form).getByRole('button', { name: '提交审核' }));
    expect(within(form).getByText('请填写不通过的理由，会员会看到它')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/admin/members/8/review')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('理由'), { target: { value: '营业执照信息与信用代码不符' } });
    fireEvent.click(within(form).getByRole('button', { name: '提交审核' }));

    expect(await screen.findByText('秘书文化有限公司 的企业会员审核未通过。')).toBeTruthy();
    expect(await bodyOf(requestsTo(fetchMock, 'POST /api/v1/admin/members/8/review')[0])).toEqual({
      decision: 'reject',
      reason: '营业执照信息与信用代码不符',
    });
    await waitFor(() => expect(within(rowOf('秘书文化有限公司')).queryByRole('form')).toBeNull());
  });

  it('disables a member and changes a role, but offers nothing on the admin’s own account', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/admin/members': () => jsonResponse(memberPage([personalMember, adminMember])),
      // The role change is refused, so the row says why.
      'PATCH /api/v1/admin/members/7': async (request) =>
        'role' in ((await bodyOf(request)) as object)
          ? problemResponse(403, 'admin_only')
          : jsonResponse({ ...personalMember, status: 'disabled' }),
    });

    renderApp('/admin/members');
    await screen.findByText('周辉', { selector: 'strong' }, { timeout: 5_000 });
    expect(within(rowOf('管理员')).getByText('这是您自己的账户。')).toBeTruthy();
    expect(within(rowOf('管理员')).queryByRole('button')).toBeNull();

    const row = rowOf('周辉');
    fireEvent.click(within(row).getByRole('button', { name: '停用' }));
    fireEvent.click(within(row).getByRole('button', { name: '确定停用' }));
    expect(await screen.findByText('已停用 zhouhui。')).toBeTruthy();
    expect(await bodyOf(requestsTo(fetchMock, 'PATCH /api/v1/admin/members/7')[0])).toEqual({ status: 'disabled' });

    fireEvent.change(within(rowOf('周辉')).getByLabelText('角色'), { target: { value: 'editor' } });
    fireEvent.click(within(rowOf('周辉')).getByRole('button', { name: '修改角色' }));
    expect((await within(rowOf('周辉')).findByRole('alert')).textContent).toBe('只有管理员可以执行此操作。');
    expect(await bodyOf(requestsTo(fetchMock, 'PATCH /api/v1/admin/members/7')[1])).toEqual({ role: 'editor' });
  });
});
