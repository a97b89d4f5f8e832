import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Member } from '@/lib/auth/session';
import { categoryList, home, pendingEnterprise, personalMember, sessionFor, site } from '@/testing/fixtures';
import {
  bodyOf,
  invalidFields,
  jsonResponse,
  problemResponse,
  renderApp,
  requestsTo,
  signedOut,
  stubApi,
} from '@/testing/render-app';

const pages = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/home': home,
};

/** A fake API with `member` signed in (restored from the cookie) and `members/me` answering for them. */
function signedInAs(member: Member) {
  return {
    ...pages,
    'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(member)),
    'GET /api/v1/members/me': () => jsonResponse(member),
  };
}

const noContent = () => new Response(null, { status: 204 });

function main() {
  return screen.getByRole('main');
}

function loginBox() {
  return screen.getByRole('region', { name: /会员登录/ });
}

function section(name: string) {
  return within(main()).getByRole('region', { name });
}

/** The message under a field of `container`. */
function messageOf(container: HTMLElement, label: string): string {
  const input = within(container).getByLabelText(label);
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('the member centre', () => {
  it('sends a visitor who is not signed in to the login box, and back after signing in', async () => {
    stubApi({
      ...pages,
      'POST /api/v1/auth/refresh': signedOut,
      'POST /api/v1/auth/login': () => jsonResponse(sessionFor(personalMember)),
      'GET /api/v1/members/me': () => jsonResponse(personalMember),
    });

    const { router } = renderApp('/member');

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    const box = loginBox();
    expect(await within(box).findByText('请先登录会员。')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(box).getByLabelText('用户名')));
    fireEvent.change(within(box).getByLabelText('用户名'), { target: { value: 'zhouhui' } });
    fireEvent.change(within(box).getByLabelText('密码'), { target: { value: 'tq8-vault-x' } });
    fireEvent.click(within(box).getByRole('button', { name: '登录' }));

    expect(await screen.findByRole('heading', { level: 1, name: /会员中心/ })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/member');
  });

  it("shows the member's own account, with one h1 and a title", async () => {
    stubApi(signedInAs(personalMember));

    renderApp('/member');

    expect(await screen.findByRole('heading', { level: 1, name: /会员中心/ })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    await waitFor(() => expect(document.title).toBe('会员中心 - 当代秘书'));
    const profile = section('会员资料');
    const rows = Array.from(profile.querySelectorAll('.profile__row'), (row) => row.textContent);
    expect(rows).toEqual([
      '用户名zhouhui',
      '会员类型个人会员',
      '账户状态正常',
      '显示名称周辉',
      '电子邮箱zhou@example.org',
      '电话未填写',
      '真实姓名未填写',
      '工作单位中共溆浦县委办公室',
      '职务未填写',
      '注册时间2026-1-2',
    ]);
    expect(within(main()).queryByText(/审核/)).toBeNull();
  });

  it('tells an enterprise member under review, in the centre and in the login box', async () => {
    stubApi(signedInAs(pendingEnterprise));

    renderApp('/member');

    const notice = await within(main()).findByText('企业会员资料审核中…');
    expect(notice.parentElement?.textContent).toContain('正在等待网站管理员审核');
    expect(within(loginBox()).getByText('企业会员资料审核中…')).toBeTruthy();
    const rows = Array.from(section('会员资料').querySelectorAll('dt'), (dt) => dt.textContent);
    expect(rows).toContain('统一社会信用代码');
    expect(rows).not.toContain('工作单位');
  });

  it('tells an enterprise member whose account was not approved', async () => {
    stubApi(signedInAs({ ...pendingEnterprise, status: 'rejected' }));

    renderApp('/member');

    expect(await within(main()).findByText('企业会员资料未通过审核')).toBeTruthy();
  });

  it('shows what an admin changed since the session began', async () => {
    stubApi({
      ...signedInAs(pendingEnterprise),
      'GET /api/v1/members/me': () => jsonResponse({ ...pendingEnterprise, status: 'active' }),
    });

    renderApp('/member');

    await within(main()).findByRole('heading', { level: 1, name: /会员中心/ });
    await waitFor(() => expect(within(main()).queryByText('企业会员资料审核中…')).toBeNull());
    expect(within(loginBox()).queryByText('企业会员资料审核中…')).toBeNull();
  });

  it('edits the fields of the member’s own kind and sends only what changed', async () => {
    const updated = { ...personalMember, real_name: '周辉', organisation: null };
    const fetchMock = stubApi({
      ...signedInAs(personalMember),
      'PATCH /api/v1/members/me': () => jsonResponse(updated),
    });

    renderApp('/member');
    fireEvent.click(await within(main()).findByRole('button', { name: '修改资料' }));
    const form = within(main()).getByRole('form', { name: '修改会员资料' });
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('显示名称')));
    expect(within(form).queryByLabelText('统一社会信用代码')).toBeNull();
    fireEvent.change(within(form).getByLabelText('真实姓名'), { target: { value: ' 周辉 ' } });
    fireEvent.change(within(form).getByLabelText('工作单位'), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存资料' }));

    expect(await within(section('会员资料')).findByText('资料已保存。')).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(within(section('会员资料')).getByRole('button', { name: '修改资料' })),
    );
    const [patch] = requestsTo(fetchMock, 'PATCH /api/v1/members/me');
    expect(await bodyOf(patch)).toEqual({ real_name: '周辉', organisation: null });
    expect(patch.headers.get('Authorization')).toBe('Bearer token-1');
    const rows = Array.from(section('会员资料').querySelectorAll('.profile__row'), (row) => row.textContent);
    expect(rows).toContain('真实姓名周辉');
    expect(rows).toContain('工作单位未填写');
  });

  it("checks the edit first, then shows the server's refusals by field", async () => {
    const fetchMock = stubApi({
      ...signedInAs(pendingEnterprise),
      'PATCH /api/v1/members/me': () => problemResponse(409, 'email_taken', 'this e-mail address is taken'),
    });

    renderApp('/member');
    fireEvent.click(await within(main()).findByRole('button', { name: '修改资料' }));
    const form = within(main()).getByRole('form', { name: '修改会员资料' });
    fireEvent.change(within(form).getByLabelText('统一社会信用代码'), { target: { value: '91350100M000100Y44' } });
    fireEvent.change(within(form).getByLabelText('企业名称'), { target: { value: ' ' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存资料' }));

    expect(messageOf(form, '统一社会信用代码')).toContain('校验位不正确');
    expect(messageOf(form, '企业名称')).toContain('请填写企业名称');
    expect(requestsTo(fetchMock, 'PATCH /api/v1/members/me')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('统一社会信用代码'), { target: { value: '91350100M000100Y43' } });
    fireEvent.change(within(form).getByLabelText('企业名称'), { target: { value: '秘书文化有限公司' } });
    fireEvent.change(within(form).getByLabelText('电子邮箱'), { target: { value: 'taken@example.org' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存资料' }));

    await waitFor(() => expect(messageOf(form, '电子邮箱')).toContain('该电子邮箱已被其他会员使用'));
    expect(await bodyOf(requestsTo(fetchMock, 'PATCH /api/v1/members/me')[0])).toEqual({ email: 'taken@example.org' });
  });

  it('changes the password and signs in again with the new one', async () => {
    const fetchMock = stubApi({
      ...signedInAs(personalMember),
      'PUT /api/v1/members/me/password': noContent,
      'POST /api/v1/auth/login': () => jsonResponse(sessionFor(personalMember, 'after-change')),
    });

    renderApp('/member');
    const form = await within(main()).findByRole('form', { name: '修改密码' });
    fireEvent.change(within(form).getByLabelText('当前密码'), { target: { value: 'tq8-vault-x' } });
    fireEvent.change(within(form).getByLabelText('新密码'), { target: { value: 'new-vault-9' } });
    fireEvent.change(within(form).getByLabelText('确认新密码'), { target: { value: 'new-vault-9' } });
    fireEvent.click(within(form).getByRole('button', { name: '修改密码' }));

    expect((await within(form).findByRole('status')).textContent).toContain('密码已修改');
    expect(await bodyOf(requestsTo(fetchMock, 'PUT /api/v1/members/me/password')[0])).toEqual({
      current_password: 'tq8-vault-x',
      new_password: 'new-vault-9',
    });
    expect(await bodyOf(requestsTo(fetchMock, 'POST /api/v1/auth/login')[0])).toEqual({
      username: 'zhouhui',
      password: 'new-vault-9',
    });
    expect((within(form).getByLabelText('新密码') as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('heading', { level: 1, name: /会员中心/ })).toBeTruthy();
  });

  it('says so when the current password is wrong', async () => {
    const fetchMock = stubApi({
      ...signedInAs(personalMember),
      'PUT /api/v1/members/me/password': () => invalidFields({ field: 'current_password', code: 'wrong' }),
    });

    renderApp('/member');
    const form = await within(main()).findByRole('form', { name: '修改密码' });
    fireEvent.change(within(form).getByLabelText('当前密码'), { target: { value: 'not-it-at-all' } });
    fireEvent.change(within(form).getByLabelText('新密码'), { target: { value: 'zhouhui' } });
    fireEvent.click(within(form).getByRole('button', { name: '修改密码' }));

    expect(messageOf(form, '新密码')).toContain('密码至少需要 8 个字符');
    expect(messageOf(form, '确认新密码')).toContain('请再次输入密码');
    fireEvent.change(within(form).getByLabelText('新密码'), { target: { value: 'new-vault-9' } });
    fireEvent.change(within(form).getByLabelText('确认新密码'), { target: { value: 'new-vault-9' } });
    fireEvent.click(within(form).getByRole('button', { name: '修改密码' }));

    await waitFor(() => expect(messageOf(form, '当前密码')).toContain('当前密码不正确'));
    expect(requestsTo(fetchMock, 'POST /api/v1/auth/login')).toHaveLength(0);
  });

  it('signs out on every device and goes home', async () => {
    const fetchMock = stubApi({ ...signedInAs(personalMember), 'POST /api/v1/auth/logout-all': noContent });

    const { router } = renderApp('/member');
    fireEvent.click(await within(main()).findByRole('button', { name: '退出所有设备' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(await within(loginBox()).findByLabelText('用户名')).toBeTruthy();
    expect(within(loginBox()).queryByText('请先登录会员。')).toBeNull();
    const [request] = requestsTo(fetchMock, 'POST /api/v1/auth/logout-all');
    expect(request.headers.get('Authorization')).toBe('Bearer token-1');
  });
});
