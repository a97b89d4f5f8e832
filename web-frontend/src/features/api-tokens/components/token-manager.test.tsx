import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CreatedToken, Token } from '@/features/api-tokens/api/tokens';
import { adminMember, categoryList, editorMember, home, sessionFor, site } from '@/testing/fixtures';
import { bodyOf, invalidFields, jsonResponse, loadConsolePages, renderApp, requestsTo, stubApi } from '@/testing/render-app';

const script: Token = {
  id: 4,
  name: '发布脚本',
  scopes: ['articles:write', 'media:write'],
  created_at: '2026-11-01T00:00:00Z',
  expires_at: null,
  last_used_at: '2026-11-27T02:30:00Z',
};

const pages = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/home': home,
};

beforeAll(loadConsolePages);

describe('the API tokens page', () => {
  it('lists the tokens with their scopes, last use and expiry', async () => {
    stubApi({
      ...pages,
      'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(editorMember)),
      'GET /api/v1/members/me/tokens': [script],
    });

    renderApp('/admin/tokens');

    const table = await screen.findByRole('table', { name: '我的 API 令牌' }, { timeout: 5_000 });
    const row = within(table).getByRole('row', { name: /发布脚本/ });
    expect(row.textContent).toContain('撰写和发布文章、上传图片');
    expect(row.textContent).toContain('2026-11-27 10:30');
    expect(row.textContent).toContain('永不过期');
  });

  it('offers only the scopes of the role, and shows a new secret once', async () => {
    let tokens: Token[] = [];
    const created: CreatedToken = {
      id: 5,
      name: '夜间导出',
      scopes: ['comments:moderate'],
      expires_at: null,
      token: `kw_${'ab'.repeat(32)}`,
    };
    const fetchMock = stubApi({
      ...pages,
      'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(editorMember)),
      'GET /api/v1/members/me/tokens': () => jsonResponse(tokens),
      'POST /api/v1/members/me/tokens': () => {
        tokens = [{ ...created, created_at: '2026-11-28T00:00:00Z', last_used_at: null }];
        return jsonResponse(created, 201);
      },
    });

    renderApp('/admin/tokens');
    const form = await screen.findByRole('form', { name: '创建 API 令牌' }, { timeout: 5_000 });
    const scopes = within(form).getByRole('group', { name: '权限' });
    expect(within(scopes).getAllByRole('checkbox').map((box) => box.parentElement?.textContent)).toEqual([
      '撰写和发布文章',
      '管理栏目',
      '上传图片',
      '审核评论',
    ]);

    fireEvent.change(within(form).getByLabelText('名称'), { target: { value: '夜间导出' } });
    fireEvent.click(within(scopes).getByLabelText('审核评论'));
    fireEvent.change(within(form).getByLabelText('有效期'), { target: { value: '30' } });
    fireEvent.click(within(form).getByRole('button', { name: '创建令牌' }));

    const secret = await screen.findByRole('region', { name: '新令牌' });
    expect((within(secret).getByLabelText('令牌') as HTMLInputElement).value).toBe(created.token);
    expect(secret.textContent).toContain('此令牌只显示这一次');
    const [post] = requestsTo(fetchMock, 'POST /api/v1/members/me/tokens');
    const body = (await bodyOf(post)) as { name: string; scopes: string[]; expires_at: string };
    expect(body.name).toBe('夜间导出');
    expect(body.scopes).toEqual(['comments:moderate']);
    const days = (Date.parse(body.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    expect(await screen.findByRole('row', { name: /夜间导出/ })).toBeTruthy();

    fireEvent.click(within(secret).getByRole('button', { name: '我已保存，关闭' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: '新令牌' })).toBeNull());
    // Nowhere on the page any more: the list never has the secret.
    expect(document.body.textContent).not.toContain(created.token);
  });

  it('gives admins the admin scopes too, and says when a scope is beyond the role', async () => {
    stubApi({
      ...pages,
      'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(adminMember)),
      'GET /api/v1/members/me/tokens': [],
      'POST /api/v1/members/me/tokens': () => invalidFields({ field: 'scopes', code: 'scope_beyond_role' }),
    });

    renderApp('/admin/tokens');
    const form = await screen.findByRole('form', { name: '创建 API 令牌' }, { timeout: 5_000 });
    const scopes = within(form).getByRole('group', { name: '权限' });
    expect(within(scopes).getByLabelText('管理会员')).toBeTruthy();
    fireEvent.click(within(scopes).getByLabelText('查看审计日志'));
    fireEvent.change(within(form).getByLabelText('名称'), { target: { value: '审计导出' } });
    fireEvent.click(within(form).getByRole('button', { name: '创建令牌' }));

    expect(await within(form).findByText('所选权限超出了您账户的角色')).toBeTruthy();
  });

  it('revokes a token after asking', async () => {
    let tokens = [script];
    const fetchMock = stubApi({
      ...pages,
      'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(editorMember)),
      'GET /api/v1/members/me/tokens': () => jsonResponse(tokens),
      'DELETE /api/v1/members/me/tokens/4': () => {
        tokens = [];
        return new Response(null, { status: 204 });
      },
    });

    renderApp('/admin/tokens');
    const row = await screen.findByRole('row', { name: /发布脚本/ }, { timeout: 5_000 });
    fireEvent.click(within(row).getByRole('button', { name: '撤销' }));
    fireEvent.click(within(row).getByRole('button', { name: '确定撤销' }));

    expect(await screen.findByText('还没有 API 令牌')).toBeTruthy();
    expect(requestsTo(fetchMock, 'DELETE /api/v1/members/me/tokens/4')).toHaveLength(1);
  });
});
