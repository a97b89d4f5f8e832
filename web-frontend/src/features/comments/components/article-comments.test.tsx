import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Comment } from '@/features/comments/api/list-comments';
import type { Captcha } from '@/lib/captcha/create-captcha';
import {
  approvedComment,
  categoryList,
  commentPage,
  home,
  pendingEnterprise,
  personalMember,
  seedArticle,
  sessionFor,
  site,
} from '@/testing/fixtures';
import {
  bodyOf,
  invalidFields,
  jsonResponse,
  problemResponse,
  rememberSignedIn,
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
      expires_at: new Date(Date.now() + 5 * 60_000).toISOString(),
    };
    return jsonResponse(captcha, 201);
  };
}

const payload = '<script>alert(1)</script><img src=x onerror=alert(1)>';

/** The seed article's page, for a visitor, with the comments given. */
function makeApi(comments: Comment[] = []) {
  return {
    'GET /api/v1/site': site,
    'GET /api/v1/categories': categoryList,
    'GET /api/v1/home': home,
    'POST /api/v1/auth/refresh': signedOut,
    'GET /api/v1/articles/5': seedArticle,
    'POST /api/v1/articles/5/views': { views: 494, counted: true },
    'GET /api/v1/articles/5/comments': () => jsonResponse(commentPage(comments)),
    'POST /api/v1/captchas': captchas(),
  };
}

/** As `makeApi`, with `member` signed in (restored from the refresh cookie) and `mine` their own comments. */
function signedInApi(comments: Comment[], mine: Comment[] = []) {
  return {
    ...makeApi(comments),
    'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(personalMember)),
    'GET /api/v1/members/me/comments': () => jsonResponse(commentPage(mine)),
  };
}

async function commentForm() {
  return screen.findByRole('form', { name: '发表评论' });
}

async function latest() {
  return screen.findByRole('region', { name: '最新相关评论' });
}

/** Types into a field of the comment form as a person would: the field gets the focus first. */
async function fill(values: Record<string, string>) {
  const form = await commentForm();
  for (const [label, value] of Object.entries(values)) {
    const input = within(form).getByLabelText(label);
    act(() => input.focus());
    fireEvent.change(input, { target: { value } });
  }
}

async function send() {
  fireEvent.click(within(await commentForm()).getByRole('button', { name: '发表我的评论' }));
}

function captchaImage() {
  return screen.getByRole('img', { name: '验证码图片' }) as HTMLImageElement;
}

/** The message under a field: what its input is described by. */
function messageOf(label: string): string {
  const input = within(screen.getByRole('form', { name: '发表评论' })).getByLabelText(label);
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('the comments of an article', () => {
  it('says 暂无评论 when there are none, and offers a visitor the whole form of the old page', async () => {
    const fetchMock = stubApi(makeApi());

    renderApp('/a/5');

    expect(await within(await latest()).findByText('暂无评论')).toBeTruthy();
    const form = await commentForm();
    expect(within(form).getByLabelText('用户名')).toBeTruthy();
    expect((within(form).getByLabelText('密码') as HTMLInputElement).type).toBe('password');
    expect(within(form).getByLabelText('评论内容').tagName).toBe('TEXTAREA');
    expect(within(form).getByLabelText('验证码')).toBeTruthy();
    expect(within(form).getByRole('button', { name: '发表我的评论' })).toBeTruthy();
    // Nobody asked for a captcha yet: reading the article costs none.
    expect(requestsTo(fetchMock, 'POST /api/v1/captchas')).toHaveLength(0);

    await fill({ 评论内容: '好' });

    await waitFor(() => expect(captchaImage().src).toContain('Y2FwdGNoYS01'));
    expect(requestsTo(fetchMock, 'POST /api/v1/captchas')).toHaveLength(1);
  });

  it('shows a comment as the text it is, markup included, with its line breaks, author, time and quote', async () => {
    const comment: Comment = {
      ...approvedComment(9, `${payload}\n第二行`),
      created_at: '2026-11-28T02:04:31Z',
      edited: true,
      reply_to: { id: 3, author: { display_name: '秘书小李', kind: 'personal' }, content: '<b>引用</b>的话' },
    };
    stubApi(makeApi([comment, approvedComment(3, '<b>引用</b>的话')]));

    renderApp('/a/5');

    const list = await latest();
    const [first] = await within(list).findAllByRole('listitem');
    const text = within(first).getByText((_, element) => element?.textContent === `${payload}\n第二行`);
    expect(text.tagName).toBe('P');
    expect(text.childElementCount).toBe(0);
    expect(list.querySelector('script')).toBeNull();
    expect(list.querySelector('img')).toBeNull();
    expect(list.querySelector('b')).toBeNull();
    expect(within(first).getByText('周辉')).toBeTruthy();
    expect(within(first).getByText('已编辑')).toBeTruthy();
    const time = first.querySelector('time');
    expect(time?.textContent).toBe('2026-11-28 10:04');
    expect(time?.getAttribute('datetime')).toBe('2026-11-28T02:04:31Z');
    const quote = first.querySelector('blockquote');
    expect(quote?.textContent).toBe('引用 秘书小李 的评论：<b>引用</b>的话');
    expect(within(list).getByText('共 2 条评论')).toBeTruthy();
  });

  it('signs a visitor in and posts the comment with one click, the same captcha for both', async () => {
    const created = approvedComment(21, '写得很好，\n受益匪浅。', 0);
    let listed: Comment[] = [approvedComment(20, '早先的评论')];
    const fetchMock = stubApi({
      ...makeApi(),
      'GET /api/v1/articles/5/comments': () => jsonResponse(commentPage(listed)),
      'POST /api/v1/auth/login': () => jsonResponse(sessionFor(personalMember, 'fresh-token')),
      'POST /api/v1/articles/5/comments': () => {
        listed = [created, ...listed];
        return jsonResponse(created, 201);
      },
      'GET /api/v1/members/me/comments': () => jsonResponse(commentPage([created])),
    });

    renderApp('/a/5');
    await fill({ 用户名: ' zhouhui ', 密码: 'tq8-vault-x', 评论内容: '写得很好，\n受益匪浅。' });
    await waitFor(() => captchaImage());
    await fill({ 验证码: '3190' });
    await send();

    const posted = await within(await latest()).findByText((_, element) => element?.textContent === '写得很好，\n受益匪浅。');
    expect(posted.closest('li')).toBe(within(await latest()).getAllByRole('listitem')[0]);
    expect(await bodyOf(requestsTo(fetchMock, 'POST /api/v1/auth/login')[0])).toEqual({
      username: 'zhouhui',
      password: 'tq8-vault-x',
    });
    const [post] = requestsTo(fetchMock, 'POST /api/v1/articles/5/comments');
    expect(post.headers.get('Authorization')).toBe('Bearer fresh-token');
    expect(await bodyOf(post)).toEqual({ content: '写得很好，\n受益匪浅。', captcha_id: 'captcha-1', captcha_answer: '3190' });
    // Signed in now: the form keeps only what a member needs, emptied, with a new captcha.
    const form = await commentForm();
    expect(within(form).getByRole('status').textContent).toBe('评论已发表。');
    expect(within(form).queryByLabelText('用户名')).toBeNull();
    expect(within(form).getByText('周辉')).toBeTruthy();
    expect((within(form).getByLabelText('评论内容') as HTMLTextAreaElement).value).toBe('');
    expect((within(form).getByLabelText('验证码') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(captchaImage().src).toContain('Y2FwdGNoYS02'));
    // The sidebar's login box knows too.
    expect(within(screen.getByRole('region', { name: /会员登录/ })).getByRole('button', { name: '退出' })).toBeTruthy();
    // The reader's own comment can be changed.
    await waitFor(() => expect(within(posted.closest('li')!).getByRole('button', { name: '编辑' })).toBeTruthy());
  });

  it('says a comment waits for review, and leaves the list as it was', async () => {
    const fetchMock = stubApi({
      ...signedInApi([]),
      'POST /api/v1/articles/5/comments': () =>
        jsonResponse({ ...approvedComment(30, '请审核', 0), status: 'pending' }, 201),
    });

    renderApp('/a/5');
    await fill({ 评论内容: '请审核' });
    await waitFor(() => captchaImage());
    await fill({ 验证码: '3190' });
    await send();

    const form = await commentForm();
    const notice = await within(form).findByRole('status');
    expect(notice.textContent).toContain('评论已提交，等待审核');
    expect(within(await latest()).getByText('暂无评论')).toBeTruthy();
    expect((within(form).getByLabelText('评论内容') as HTMLTextAreaElement).value).toBe('');
    expect(requestsTo(fetchMock, 'POST /api/v1/auth/login')).toHaveLength(0);
    expect(requestsTo(fetchMock, 'POST /api/v1/articles/5/comments')[0].headers.get('Authorization')).toBe(
      'Bearer token-1',
    );
    await waitFor(() => expect(requestsTo(fetchMock, 'POST /api/v1/captchas')).toHaveLength(2));
  });

  it('shows a new captcha after a refused one, and sends its id the next time', async () => {
    let attempts = 0;
    const fetchMock = stubApi({
      ...signedInApi([]),
      'POST /api/v1/articles/5/comments': () => {
        attempts += 1;
        return attempts === 1
          ? problemResponse(400, 'captcha_invalid', 'the captcha is wrong, expired or already used; get a new one')
          : jsonResponse({ ...approvedComment(31, '第二次', 0), status: 'pending' }, 201);
      },
    });

    renderApp('/a/5');
    await fill({ 评论内容: '第二次' });
    await waitFor(() => captchaImage());
    await fill({ 验证码: '1111' });
    await send();

    await waitFor(() => expect(messageOf('验证码')).toContain('验证码错误或已过期，请输入新图片中的数字'));
    await waitFor(() => expect(captchaImage().src).toContain('Y2FwdGNoYS02'));
    const form = await commentForm();
    expect((within(form).getByLabelText('验证码') as HTMLInputElement).value).toBe('');
    expect((within(form).getByLabelText('评论内容') as HTMLTextAreaElement).value).toBe('第二次');
    expect(document.activeElement).toBe(within(form).getByLabelText('验证码'));

    await fill({ 验证码: '2222' });
    await send();

    await within(form).findByText('评论已提交，等待审核');
    const posts = requestsTo(fetchMock, 'POST /api/v1/articles/5/comments');
    expect(await bodyOf(posts[0])).toMatchObject({ captcha_id: 'captcha-1', captcha_answer: '1111' });
    expect(await bodyOf(posts[1])).toMatchObject({ captcha_id: 'captcha-2', captcha_answer: '2222' });
  });

  it('gives the one login message when the password is wrong, posts nothing, and shows a new captcha', async () => {
    const fetchMock = stubApi({
      ...makeApi(),
      'POST /api/v1/auth/login': () => problemResponse(401, 'invalid_credentials', 'wrong username or password'),
    });

    renderApp('/a/5');
    await fill({ 用户名: 'zhouhui', 密码: 'wrong-one', 评论内容: '你好' });
    await waitFor(() => captchaImage());
    await fill({ 验证码: '3190' });
    await send();

    const form = await commentForm();
    expect((await within(form).findByRole('alert')).textContent).toBe('用户名或密码错误');
    await waitFor(() => expect(captchaImage().src).toContain('Y2FwdGNoYS02'));
    expect((within(form).getByLabelText('密码') as HTMLInputElement).value).toBe('');
    expect((within(form).getByLabelText('评论内容') as HTMLTextAreaElement).value).toBe('你好');
    expect(requestsTo(fetchMock, 'POST /api/v1/articles/5/comments')).toHaveLength(0);
  });

  it("says in Chinese what the server refused: the text by its box, a wait above the form", async () => {
    let answer = () => invalidFields({ field: 'content', code: 'too_long' });
    stubApi({ ...signedInApi([]), 'POST /api/v1/articles/5/comments': () => answer() });

    renderApp('/a/5');
    await fill({ 评论内容: '长' });
    await waitFor(() => captchaImage());
    await fill({ 验证码: '3190' });
    await send();

    await waitFor(() => expect(messageOf('评论内容')).toContain('评论不能超过 2000 个字'));

    answer = () => problemResponse(429, 'rate_limited', 'too many requests', { headers: { 'Retry-After': '29' } });
    await waitFor(() => expect(captchaImage().src).toContain('Y2FwdGNoYS02'));
    await fill({ 验证码: '3190' });
    await send();

    const form = await commentForm();
    expect((await within(form).findByRole('alert')).textContent).toBe('发表评论过于频繁，请在 29 秒后再试。');

    answer = () => problemResponse(409, 'duplicate_comment', 'you already posted this text on this article');
    await waitFor(() => expect(captchaImage().src).toContain('Y2FwdGNoYS03'));
    await fill({ 验证码: '3190' });
    await send();
    await waitFor(() => expect(messageOf('评论内容')).toContain('您已在本文发表过相同内容的评论'));
  });

  it('checks the text and the fields before sending anything', async () => {
    const fetchMock = stubApi(makeApi());

    renderApp('/a/5');
    await fill({ 评论内容: '   ' });
    await send();

    await waitFor(() => expect(messageOf('评论内容')).toContain('请填写评论内容'));
    expect(messageOf('用户名')).toContain('请输入用户名');
    expect(messageOf('密码')).toContain('请输入密码');
    expect(messageOf('验证码')).toContain('请输入验证码');
    expect(document.activeElement).toBe(screen.getByRole('form', { name: '发表评论' }).querySelector('input[name="username"]'));

    await fill({ 评论内容: '字'.repeat(2001) });
    await send();
    await waitFor(() => expect(messageOf('评论内容')).toContain('评论不能超过 2000 个字（现为 2001 个字）'));
    expect(requestsTo(fetchMock, 'POST /api/v1/auth/login')).toHaveLength(0);
    expect(requestsTo(fetchMock, 'POST /api/v1/articles/5/comments')).toHaveLength(0);
  });

  it('says 评论已关闭 instead of the form when the article takes no comments, or stops taking them', async () => {
    stubApi({ ...makeApi(), 'GET /api/v1/articles/5': { ...seedArticle, comments_open: false } });

    const { unmount } = renderApp('/a/5');

    const panel = await screen.findByRole('region', { name: '发表评论' });
    expect(await within(panel).findByText('评论已关闭')).toBeTruthy();
    expect(within(panel).queryByRole('form')).toBeNull();
    unmount();

    stubApi({
      ...signedInApi([]),
      'POST /api/v1/articles/5/comments': () => problemResponse(403, 'comments_closed', 'comments are closed'),
    });
    // The reader signed in meanwhile (the first visit left the browser signed out).
    rememberSignedIn();
    renderApp('/a/5');
    await fill({ 评论内容: '晚了' });
    await waitFor(() => captchaImage());
    await fill({ 验证码: '3190' });
    await send();

    const closed = await within(screen.getByRole('region', { name: '发表评论' })).findByText('评论已关闭');
    expect(closed.getAttribute('role')).toBe('status');
    expect(screen.queryByRole('form', { name: '发表评论' })).toBeNull();
  });

  it('tells an enterprise member awaiting review that comments come after approval', async () => {
    stubApi({ ...makeApi(), 'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(pendingEnterprise)) });

    renderApp('/a/5');

    const panel = await screen.findByRole('region', { name: '发表评论' });
    expect(await within(panel).findByText('企业会员审核通过后才能评论。')).toBeTruthy();
    expect(within(panel).queryByRole('form')).toBeNull();
  });

  it('offers 编辑 on the reader’s own comments only within 15 minutes, and 删除 on all their own', async () => {
    const fresh = approvedComment(41, '刚写的', 5);
    const old = approvedComment(40, '早写的', 20);
    const someoneElses = { ...approvedComment(39, '别人的', 2), author: { display_name: '秘书小李', kind: 'personal' as const } };
    const fetchMock = stubApi({
      ...signedInApi([fresh, old, someoneElses], [fresh, old]),
      'PATCH /api/v1/comments/41': async (request) =>
        jsonResponse({ ...fresh, content: ((await bodyOf(request)) as { content: string }).content, edited: true }),
    });

    renderApp('/a/5');

    const items = await within(await latest()).findAllByRole('listitem');
    await waitFor(() => expect(within(items[0]).getByRole('button', { name: '编辑' })).toBeTruthy());
    expect(within(items[0]).getByRole('button', { name: '删除' })).toBeTruthy();
    expect(within(items[1]).queryByRole('button', { name: '编辑' })).toBeNull();
    expect(within(items[1]).getByRole('button', { name: '删除' })).toBeTruthy();
    expect(within(items[2]).queryByRole('button')).toBeNull();

    fireEvent.click(within(items[0]).getByRole('button', { name: '编辑' }));
    const edit = within(items[0]).getByRole('form', { name: '修改评论' });
    const box = within(edit).getByLabelText('修改评论内容') as HTMLTextAreaElement;
    expect(box.value).toBe('刚写的');
    await waitFor(() => expect(document.activeElement).toBe(box));
    fireEvent.change(box, { target: { value: '改过的\n第二行' } });
    fireEvent.click(within(edit).getByRole('button', { name: '保存修改' }));

    await within(items[0]).findByText((_, element) => element?.textContent === '改过的\n第二行');
    expect(within(items[0]).getByText('已编辑')).toBeTruthy();
    expect(await bodyOf(requestsTo(fetchMock, 'PATCH /api/v1/comments/41')[0])).toEqual({ content: '改过的\n第二行' });
  });

  it('takes 编辑 away when the 15 minutes run out while the page is open', async () => {
    // Two seconds of the window left.
    const closing = approvedComment(42, '快到期的', 15 - 2 / 60);
    stubApi(signedInApi([closing], [closing]));

    renderApp('/a/5');

    const [item] = await within(await latest()).findAllByRole('listitem');
    expect(await within(item).findByRole('button', { name: '编辑' })).toBeTruthy();
    await waitFor(() => expect(within(item).queryByRole('button', { name: '编辑' })).toBeNull(), { timeout: 4_000 });
    expect(within(item).getByRole('button', { name: '删除' })).toBeTruthy();
  });

  it('says so when the server finds the edit window closed, and offers 编辑 no more', async () => {
    const fresh = approvedComment(41, '刚写的', 14);
    stubApi({
      ...signedInApi([fresh], [fresh]),
      'PATCH /api/v1/comments/41': () => problemResponse(403, 'edit_window_closed', 'too late'),
    });

    renderApp('/a/5');

    const [item] = await within(await latest()).findAllByRole('listitem');
    fireEvent.click(await within(item).findByRole('button', { name: '编辑' }));
    fireEvent.change(within(item).getByLabelText('修改评论内容'), { target: { value: '改' } });
    fireEvent.click(within(item).getByRole('button', { name: '保存修改' }));

    expect((await within(item).findByRole('alert')).textContent).toBe('评论发表超过 15 分钟后不能再修改。');
    expect(within(item).queryByRole('button', { name: '编辑' })).toBeNull();
    expect(within(item).getByText('刚写的')).toBeTruthy();
  });

  it('deletes one’s own comment only after a confirmation', async () => {
    const mine = approvedComment(50, '要删的', 30);
    let listed = [mine];
    const fetchMock = stubApi({
      ...signedInApi([], [mine]),
      'GET /api/v1/articles/5/comments': () => jsonResponse(commentPage(listed)),
      'DELETE /api/v1/comments/50': () => {
        listed = [];
        return new Response(null, { status: 204 });
      },
    });

    renderApp('/a/5');

    const [item] = await within(await latest()).findAllByRole('listitem');
    fireEvent.click(await within(item).findByRole('button', { name: '删除' }));
    const confirm = within(item).getByRole('group', { name: '确认删除' });
    expect(within(confirm).getByText('确定删除这条评论吗？删除后不能恢复。')).toBeTruthy();
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: '取消' }));
    fireEvent.click(within(confirm).getByRole('button', { name: '取消' }));
    expect(requestsTo(fetchMock, 'DELETE /api/v1/comments/50')).toHaveLength(0);

    fireEvent.click(within(item).getByRole('button', { name: '删除' }));
    fireEvent.click(within(item).getByRole('button', { name: '确定删除' }));

    expect((await within(await latest()).findByRole('status')).textContent).toBe('评论已删除。');
    expect(await within(await latest()).findByText('暂无评论')).toBeTruthy();
    expect(requestsTo(fetchMock, 'DELETE /api/v1/comments/50')).toHaveLength(1);
  });

  it('goes through the pages with 上一页 and 下一页 when there is more than one', async () => {
    const first = Array.from({ length: 10 }, (_, i) => approvedComment(100 - i, `第一页 ${i}`));
    const second = [approvedComment(80, '第二页的评论')];
    const fetchMock = stubApi({
      ...makeApi(),
      'GET /api/v1/articles/5/comments': (request) =>
        new URL(request.url).searchParams.get('page') === '2'
          ? jsonResponse(commentPage(second, 2, 11))
          : jsonResponse(commentPage(first, 1, 11)),
    });

    renderApp('/a/5');

    const pager = await within(await latest()).findByRole('navigation', { name: '评论分页' });
    expect((within(pager).getByRole('button', { name: '上一页' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(await latest()).getAllByRole('listitem')).toHaveLength(10);
    fireEvent.click(within(pager).getByRole('button', { name: '下一页' }));

    expect(await within(await latest()).findByText('第二页的评论')).toBeTruthy();
    expect(within(await latest()).getAllByRole('listitem')).toHaveLength(1);
    expect(within(await latest()).getByText('共 11 条评论，第 2 / 2 页')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('共 11 条评论，第 2 / 2 页'));
    const query = new URL(requestsTo(fetchMock, 'GET /api/v1/articles/5/comments').at(-1)!.url).searchParams;
    expect([query.get('page'), query.get('per_page')]).toEqual(['2', '10']);
    expect((within(pager).getByRole('button', { name: '下一页' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
