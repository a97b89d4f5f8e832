import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Captcha } from '@/lib/captcha/create-captcha';
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

/** Hands out captchas one after another, as the API does: `captcha-1`, `captcha-2` … */
function captchas() {
  let issued = 0;
  return () => {
    issued += 1;
    const captcha: Captcha = {
      id: `captcha-${issued}`,
      image: `data:image/png;base64,Y2FwdGNoYS0${issued}`,
      expires_at: '2030-01-01T00:05:00Z',
    };
    return jsonResponse(captcha, 201);
  };
}

function makeApi() {
  return {
    'GET /api/v1/site': site,
    'GET /api/v1/categories': categoryList,
    'GET /api/v1/home': home,
    'POST /api/v1/auth/refresh': signedOut,
    'POST /api/v1/captchas': captchas(),
  };
}

function form() {
  return screen.getByRole('form', { name: /会员注册/ });
}

function fill(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(within(form()).getByLabelText(label), { target: { value } });
  }
}

function submit() {
  fireEvent.click(within(form()).getByRole('button', { name: '提交注册' }));
}

/** The message under a field: what its input is described by. */
function messageOf(label: string): string {
  const input = within(form()).getByLabelText(label);
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

function captchaImage() {
  return within(form()).getByRole('img', { name: '验证码图片' }) as HTMLImageElement;
}

const personal = {
  用户名: '秘书小周',
  密码: 'tq8-vault-x',
  确认密码: 'tq8-vault-x',
  验证码: '3190',
};

const enterprise = {
  用户名: 'mishu-co',
  密码: 'tq8-vault-x',
  确认密码: 'tq8-vault-x',
  企业名称: '秘书文化有限公司',
  统一社会信用代码: '91350100m000100y43',
  联系人: '张三',
  联系人电话: '0591-1234567',
  电子邮箱: 'office@example.org',
  验证码: '3190',
};

describe('the registration page', () => {
  it('has a tab per kind of member that the keyboard can work, kept in the address', async () => {
    stubApi(makeApi());

    const { router } = renderApp('/register?kind=personal');

    expect(screen.getByRole('heading', { level: 1, name: /会员注册/ })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    await waitFor(() => expect(document.title).toBe('会员注册 - 当代秘书'));
    const tablist = screen.getByRole('tablist', { name: '会员类型' });
    const [personalTab, enterpriseTab] = within(tablist).getAllByRole('tab');
    expect(personalTab.textContent).toBe('个人会员');
    expect(personalTab.getAttribute('aria-selected')).toBe('true');
    expect(enterpriseTab.getAttribute('aria-selected')).toBe('false');
    expect(enterpriseTab.tabIndex).toBe(-1);
    const panel = screen.getByRole('tabpanel', { name: '个人会员' });
    expect(personalTab.getAttribute('aria-controls')).toBe(panel.id);
    expect(within(panel).queryByLabelText('统一社会信用代码')).toBeNull();

    personalTab.focus();
    fireEvent.keyDown(personalTab, { key: 'ArrowRight' });

    expect(enterpriseTab.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(enterpriseTab);
    expect(router.state.location.search).toBe('?kind=enterprise');
    expect(within(screen.getByRole('tabpanel', { name: '企业会员' })).getByLabelText('统一社会信用代码')).toBeTruthy();

    fireEvent.keyDown(enterpriseTab, { key: 'Home' });
    expect(personalTab.getAttribute('aria-selected')).toBe('true');
    expect(router.state.location.search).toBe('?kind=personal');
  });

  it('shows a captcha and another one on 换一张', async () => {
    const fetchMock = stubApi(makeApi());

    renderApp('/register', { strict: true });

    await waitFor(() => expect(captchaImage().src).toContain('Y2FwdGNoYS01'));
    expect(requestsTo(fetchMock, 'POST /api/v1/captchas')).toHaveLength(1);
    fill({ 验证码: '12' });
    fireEvent.click(within(form()).getByRole('button', { name: '换一张' }));

    await waitFor(() => expect(captchaImage().src).toContain('Y2FwdGNoYS02'));
    expect((within(form()).getByLabelText('验证码') as HTMLInputElement).value).toBe('');
  });

  it('says why there is no captcha, and sends nothing without one', async () => {
    const fetchMock = stubApi({
      ...makeApi(),
      'POST /api/v1/captchas': () =>
        problemResponse(429, 'rate_limited', 'too many requests', { headers: { 'Retry-After': '30' } }),
    });

    renderApp('/register');

    const alert = await within(form()).findByRole('alert');
    expect(alert.textContent).toBe('验证码加载失败：操作过于频繁，请在 30 秒后再试。');
    fill(personal);
    submit();
    expect(within(form()).getAllByRole('alert').map((each) => each.textContent)).toContain(
      '验证码尚未加载，请稍候或点击“换一张”后再提交。',
    );
    expect(requestsTo(fetchMock, 'POST /api/v1/members')).toHaveLength(0);
  });

  it('points out a short password and a wrong credit code without asking the server', async () => {
    const fetchMock = stubApi(makeApi());

    renderApp('/register?kind=enterprise');
    await waitFor(() => captchaImage());
    fill({ ...enterprise, 密码: 'short', 确认密码: 'short', 统一社会信用代码: '91350100M000100Y44' });
    submit();

    expect(messageOf('密码')).toContain('密码至少需要 8 个字符');
    expect(messageOf('统一社会信用代码')).toContain('统一社会信用代码的校验位不正确');
    expect(within(form()).getByLabelText('密码').getAttribute('aria-invalid')).toBe('true');
    expect(within(form()).getByLabelText('企业名称').getAttribute('aria-invalid')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(within(form()).getByLabelText('密码')));
    expect(requestsTo(fetchMock, 'POST /api/v1/members')).toHaveLength(0);

    // Corrected, the message goes.
    fill({ 统一社会信用代码: '91350100M000100Y43' });
    expect(messageOf('统一社会信用代码')).not.toContain('校验位');
  });

  it('checks every rule it can before sending', async () => {
    const fetchMock = stubApi(makeApi());

    renderApp('/register?kind=enterprise');
    await waitFor(() => captchaImage());
    fill({
      ...enterprise,
      用户名: 'a b',
      确认密码: 'tq8-vault-y',
      统一社会信用代码: '91350100M000100',
      联系人电话: 'call me',
      电子邮箱: 'office@example',
      网址: 'ftp://example.org',
      验证码: '31',
    });
    submit();

    expect(messageOf('用户名')).toContain('用户名只能包含汉字、字母、数字、下划线（_）和连字符（-）');
    expect(messageOf('确认密码')).toContain('两次输入的密码不一致');
    expect(messageOf('统一社会信用代码')).toContain('应为 18 位');
    expect(messageOf('联系人电话')).toContain('请输入有效的电话号码');
    expect(messageOf('电子邮箱')).toContain('请输入有效的电子邮箱地址');
    expect(messageOf('网址')).toContain('http:// 或 https://');
    expect(messageOf('验证码')).toContain('验证码为图中的 4 位数字');
    expect(requestsTo(fetchMock, 'POST /api/v1/members')).toHaveLength(0);
  });

  it("shows the server's refusals by field, and a new captcha after each", async () => {
    const answers = [
      () =>
        invalidFields(
          { field: 'password', code: 'too_common' },
          { field: 'phone', code: 'format' },
          { field: 'kind', code: 'invalid_type' },
        ),
      () => problemResponse(400, 'captcha_invalid', 'the captcha is wrong, expired or already used; get a new one'),
      () => problemResponse(409, 'username_taken', 'this username is taken'),
    ];
    const fetchMock = stubApi({ ...makeApi(), 'POST /api/v1/members': () => answers.shift()!() });

    renderApp('/register');
    await waitFor(() => captchaImage());
    fill({ ...personal, 密码: '12345678', 确认密码: '12345678', 电话: '0745 1234567' });
    submit();

    await waitFor(() => expect(messageOf('密码')).toContain('这个密码太常见'));
    expect(messageOf('电话')).toContain('请输入有效的电话号码');
    // A field the form does not have goes above it.
    expect(within(form()).getByRole('alert').textContent).toBe('提交的数据有误（kind：invalid_type），请刷新页面后重试。');
    await waitFor(() => expect(captchaImage().src).toContain('Y2FwdGNoYS02'));
    expect((within(form()).getByLabelText('验证码') as HTMLInputElement).value).toBe('');
    expect(await bodyOf(requestsTo(fetchMock, 'POST /api/v1/members')[0])).toMatchObject({ captcha_id: 'captcha-1' });

    fill({ 密码: 'tq8-vault-x', 确认密码: 'tq8-vault-x', 电话: '0745-1234567', 验证码: '1111' });
    submit();
    await waitFor(() => expect(messageOf('验证码')).toContain('验证码错误或已过期'));
    await waitFor(() => expect(captchaImage().src).toContain('Y2FwdGNoYS03'));
    expect(await bodyOf(requestsTo(fetchMock, 'POST /api/v1/members')[1])).toMatchObject({ captcha_id: 'captcha-2' });

    fill({ 验证码: '2222' });
    submit();
    await waitFor(() => expect(messageOf('用户名')).toContain('该用户名已被注册'));
    expect(messageOf('验证码')).not.toContain('验证码错误');
    expect(requestsTo(fetchMock, 'POST /api/v1/captchas')).toHaveLength(4);
  });

  it('says how long to wait when registering too often', async () => {
    stubApi({
      ...makeApi(),
      'POST /api/v1/members': () =>
        problemResponse(429, 'rate_limited', 'too many requests', { headers: { 'Retry-After': '42' } }),
    });

    renderApp('/register');
    await waitFor(() => captchaImage());
    fill(personal);
    submit();

    expect((await within(form()).findByRole('alert')).textContent).toBe('操作过于频繁，请在 42 秒后再试。');
  });

  it('signs a new personal member in and opens the member centre', async () => {
    const fetchMock = stubApi({
      ...makeApi(),
      'POST /api/v1/members': () => jsonResponse(sessionFor(personalMember, 'fresh'), 201),
      'GET /api/v1/members/me': () => jsonResponse(personalMember),
    });

    const { router } = renderApp('/register?kind=personal');
    await waitFor(() => captchaImage());
    fill({ ...personal, 显示名称: '  ', 工作单位: ' 中共溆浦县委办公室 ' });
    submit();

    expect(await screen.findByRole('heading', { level: 1, name: /会员中心/ })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/member');
    expect(within(screen.getByRole('region', { name: /会员登录/ })).getByText('周辉')).toBeTruthy();
    const [registration] = requestsTo(fetchMock, 'POST /api/v1/members');
    // Blank optional fields are left out; the rest is trimmed.
    expect(await bodyOf(registration)).toEqual({
      kind: 'personal',
      username: '秘书小周',
      password: 'tq8-vault-x',
      organisation: '中共溆浦县委办公室',
      captcha_id: 'captcha-1',
      captcha_answer: '3190',
    });
    await waitFor(() => expect(requestsTo(fetchMock, 'GET /api/v1/members/me')).toHaveLength(1));
    expect(requestsTo(fetchMock, 'GET /api/v1/members/me')[0].headers.get('Authorization')).toBe('Bearer fresh');
  });

  it('registers an enterprise member, who is told about the review', async () => {
    const fetchMock = stubApi({
      ...makeApi(),
      'POST /api/v1/members': () => jsonResponse(sessionFor(pendingEnterprise), 201),
      'GET /api/v1/members/me': () => jsonResponse(pendingEnterprise),
    });

    renderApp('/register?kind=enterprise');
    await waitFor(() => captchaImage());
    fill(enterprise);
    submit();

    const main = screen.getByRole('main');
    expect(await within(main).findByText('企业会员资料审核中…')).toBeTruthy();
    expect(await bodyOf(requestsTo(fetchMock, 'POST /api/v1/members')[0])).toEqual({
      kind: 'enterprise',
      username: 'mishu-co',
      password: 'tq8-vault-x',
      company_name: '秘书文化有限公司',
      credit_code: '91350100M000100Y43',
      contact_person: '张三',
      contact_phone: '0591-1234567',
      email: 'office@example.org',
      captcha_id: 'captcha-1',
      captcha_answer: '3190',
    });
  });
});
