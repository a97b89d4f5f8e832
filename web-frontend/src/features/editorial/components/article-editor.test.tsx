import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditorialArticle } from '@/features/editorial/api/get-article';
import type { Revision } from '@/features/editorial/api/list-revisions';
import type { Media } from '@/features/editorial/api/upload-media';
import { categoryList, draftArticle, editorMember, home, sessionFor, site } from '@/testing/fixtures';
import { bodyOf, jsonResponse, loadConsolePages, nodeUploads, problemResponse, renderApp, requestsTo, stubApi } from '@/testing/render-app';

/** An editor's copy of an article: the JSON and the version's ETag, as the API sends them. */
function versioned(article: EditorialArticle, etag: string, status = 200) {
  const response = jsonResponse(article, status);
  response.headers.set('ETag', etag);
  return response;
}

const pages = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/home': home,
  'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(editorMember)),
  'POST /api/v1/articles/preview': async (request: Request) => {
    const { body_markdown } = (await bodyOf(request)) as { body_markdown: string };
    // Enough of a Markdown renderer for these tests: `## ` lines become headings, `![…](…)` images.
    const html = body_markdown.replace(/^## (.*)$/gm, '<h2>$1</h2>').replace(/!\[([^\]]*)\]\(([^)]+)\)/g, '<img src="$2" alt="$1">');
    return jsonResponse({ body_html: html });
  },
};

beforeAll(loadConsolePages);

/** The API's answer to an upload of `file_name`. */
function stored(file_name: string): Media {
  return {
    id: 9,
    url: '/media/3b1f0c.png',
    content_type: 'image/png',
    byte_size: 2_150,
    file_name,
    created_at: '2026-11-28T02:00:00Z',
    uploaded_by: 3,
  };
}

/** Picks `file` in the editor's 上传图片 control. */
function pick(form: HTMLElement, file: File) {
  fireEvent.change(within(form).getByLabelText('上传图片'), { target: { files: [file] } });
}

/** The first bytes of a PNG: the fake API takes them as an image, as the API (which reads them) would. */
const PNG_BYTES = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function editorForm() {
  return screen.findByRole('form', { name: '编辑文章' }, { timeout: 5_000 });
}

describe('the article editor', () => {
  it('sends the ETag it read in If-Match, then the one its save returned', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/articles/42': () => versioned(draftArticle, '"a42v3"'),
      'PATCH /api/v1/articles/42': async (request) => {
        const changes = (await bodyOf(request)) as Partial<EditorialArticle>;
        const next = request.headers.get('If-Match') === '"a42v3"' ? '"a42v4"' : '"a42v5"';
        return versioned({ ...draftArticle, ...changes }, next);
      },
    });

    renderApp('/admin/articles/42');
    const form = await editorForm();
    await waitFor(() => expect(document.title).toBe('编辑文章 - 管理后台 - 当代秘书'));
    fireEvent.change(within(form).getByLabelText('标题'), { target: { value: '秘书工作的新要求（修订）' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存草稿' }));
    expect(await within(form).findByText('修改已保存。')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('副标题'), { target: { value: '学习体会' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'PATCH /api/v1/articles/42')).toHaveLength(2));

    const [first, second] = requestsTo(fetchMock, 'PATCH /api/v1/articles/42');
    expect(first.headers.get('If-Match')).toBe('"a42v3"');
    expect(await bodyOf(first)).toEqual({ title: '秘书工作的新要求（修订）' });
    expect(second.headers.get('If-Match')).toBe('"a42v4"');
    // Only what changed since the last save.
    expect(await bodyOf(second)).toEqual({ subtitle: '学习体会' });
  });

  it('says when someone else saved first, keeps the edit on screen, and reloads the newer version on request', async () => {
    let reads = 0;
    const theirs = { ...draftArticle, title: '别人改过的标题' };
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/articles/42': () => {
        reads += 1;
        return reads === 1 ? versioned(draftArticle, '"a42v3"') : versioned(theirs, '"a42v4"');
      },
      'PATCH /api/v1/articles/42': (request) =>
        request.headers.get('If-Match') === '"a42v4"'
          ? versioned({ ...theirs, subtitle: '我的副标题' }, '"a42v5"')
          : problemResponse(412, 'edit_conflict', 'the article changed since your copy'),
    });

    renderApp('/admin/articles/42');
    const form = await editorForm();
    fireEvent.change(within(form).getByLabelText('标题'), { target: { value: '我的标题' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存草稿' }));

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('其他人已先保存了修改');
    // Nothing the editor typed is lost before they choose to reload.
    expect((within(form).getByLabelText('标题') as HTMLInputElement).value).toBe('我的标题');
    expect(within(form).getByText('有尚未保存的修改')).toBeTruthy();

    fireEvent.click(within(alert).getByRole('button', { name: '重新载入' }));
    // The form starts again from the newer version.
    await screen.findByText('已载入最新版本。');
    const reloaded = screen.getByRole('form', { name: '编辑文章' });
    expect((within(reloaded).getByLabelText('标题') as HTMLInputElement).value).toBe('别人改过的标题');
    expect(within(reloaded).queryByRole('alert')).toBeNull();

    // The next save goes on top of the version just read.
    fireEvent.change(within(reloaded).getByLabelText('副标题'), { target: { value: '我的副标题' } });
    fireEvent.click(within(reloaded).getByRole('button', { name: '保存草稿' }));
    expect(await within(reloaded).findByText('修改已保存。')).toBeTruthy();
    const patches = requestsTo(fetchMock, 'PATCH /api/v1/articles/42');
    expect(patches.map((request) => request.headers.get('If-Match'))).toEqual(['"a42v3"', '"a42v4"']);
    expect(await bodyOf(patches[1])).toEqual({ subtitle: '我的副标题' });
  });

  it('previews the body as the API renders it once typing pauses', async () => {
    const fetchMock = stubApi({ ...pages, 'GET /api/v1/articles/42': () => versioned(draftArticle, '"a42v3"') });

    renderApp('/admin/articles/42');
    const form = await editorForm();
    const preview = within(form).getByRole('region', { name: /预览/ });
    expect(await within(preview).findByRole('heading', { name: '一、总体要求' }, { timeout: 3_000 })).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('正文（Markdown）'), { target: { value: '## 二、' } });
    fireEvent.change(within(form).getByLabelText('正文（Markdown）'), { target: { value: '## 二、具体措施' } });
    expect(await within(preview).findByRole('heading', { name: '二、具体措施' }, { timeout: 3_000 })).toBeTruthy();
    // One request for the pause, none for the keystroke before it.
    const previews = await Promise.all(requestsTo(fetchMock, 'POST /api/v1/articles/preview').map(bodyOf));
    expect(previews).toEqual([{ body_markdown: draftArticle.body_markdown }, { body_markdown: '## 二、具体措施' }]);
  });

  it('creates a new article as published, and opens it under its own address', async () => {
    const created = { ...draftArticle, id: 43, title: '新文章', status: 'published', published_at: '2026-11-28T02:00:00Z' };
    const fetchMock = stubApi({
      ...pages,
      'POST /api/v1/articles': () => versioned(created, '"a43v1"', 201),
      'GET /api/v1/articles/43': () => versioned(created, '"a43v1"'),
    });

    const { router } = renderApp('/admin/articles/new');
    const form = await screen.findByRole('form', { name: '新建文章' }, { timeout: 5_000 });
    fireEvent.click(within(form).getByRole('button', { name: '立即发布' }));
    expect(await within(form).findByText('请填写标题')).toBeTruthy();
    expect(within(form).getByText('请选择栏目')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/articles')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('标题'), { target: { value: '新文章' } });
    fireEvent.change(within(form).getByLabelText('栏目'), { target: { value: '1' } });
    fireEvent.click(within(form).getByRole('button', { name: '立即发布' }));

    const edit = await screen.findByRole('form', { name: '编辑文章' });
    expect(router.state.location.pathname).toBe('/admin/articles/43');
    expect(within(edit).getByText('文章已发布。')).toBeTruthy();
    expect(within(edit).getByRole('link', { name: '在网站上查看' }).getAttribute('href')).toBe('/a/43');
    const [post] = requestsTo(fetchMock, 'POST /api/v1/articles');
    expect(await bodyOf(post)).toMatchObject({ title: '新文章', category_id: 1, status: 'published', visibility: 'public' });
  });

  it('lists the revisions when opened, and restores one on top of the version it has', async () => {
    const revision: Revision = {
      id: 7,
      article_id: 42,
      title: '秘书工作的要求（初稿）',
      summary: '初稿摘要',
      body_markdown: '## 初稿',
      created_at: '2026-11-27T02:00:00Z',
      editor_id: 3,
    };
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/articles/42': () => versioned(draftArticle, '"a42v3"'),
      'GET /api/v1/articles/42/revisions': [revision],
      'PATCH /api/v1/articles/42': () =>
        versioned({ ...draftArticle, title: revision.title, summary: revision.summary, body_markdown: revision.body_markdown }, '"a42v4"'),
    });

    renderApp('/admin/articles/42');
    await editorForm();
    expect(requestsTo(fetchMock, 'GET /api/v1/articles/42/revisions')).toHaveLength(0);
    const panel = screen.getByText('历史版本').closest('details') as HTMLDetailsElement;
    panel.open = true;
    fireEvent(panel, new Event('toggle'));

    const item = (await within(panel).findByText('秘书工作的要求（初稿）')).closest('li') as HTMLElement;
    expect(item.textContent).toContain('2026-11-27 10:00');
    fireEvent.click(within(item).getByRole('button', { name: '恢复此版本' }));
    fireEvent.click(within(item).getByRole('button', { name: '确定恢复' }));

    expect(await screen.findByText('已恢复到所选版本。')).toBeTruthy();
    const form = screen.getByRole('form', { name: '编辑文章' });
    expect((within(form).getByLabelText('标题') as HTMLInputElement).value).toBe('秘书工作的要求（初稿）');
    const [restore] = requestsTo(fetchMock, 'PATCH /api/v1/articles/42');
    expect(restore.headers.get('If-Match')).toBe('"a42v3"');
    expect(await bodyOf(restore)).toEqual({ restore_revision: 7 });
  });

  it('asks before leaving with unsaved changes, and stays when told to', async () => {
    stubApi({
      ...pages,
      'GET /api/v1/articles/42': () => versioned(draftArticle, '"a42v3"'),
      'GET /api/v1/admin/articles': { items: [], page: 1, per_page: 20, total: 0, total_pages: 0 },
    });

    const { router } = renderApp('/admin/articles/42');
    const form = await editorForm();
    fireEvent.change(within(form).getByLabelText('摘要'), { target: { value: '改过的摘要' } });
    fireEvent.click(within(screen.getByRole('navigation', { name: '管理后台' })).getByRole('link', { name: '文章' }));

    const question = await screen.findByRole('alertdialog', { name: '离开本页' });
    expect(router.state.location.pathname).toBe('/admin/articles/42');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('留在本页'));
    fireEvent.click(within(question).getByRole('button', { name: '留在本页' }));
    expect((within(form).getByLabelText('摘要') as HTMLTextAreaElement).value).toBe('改过的摘要');

    fireEvent.click(within(screen.getByRole('navigation', { name: '管理后台' })).getByRole('link', { name: '文章' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: '放弃修改并离开' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/articles'));
  });

  it('schedules by Beijing time, and moves an article to the trash after asking', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/articles/42': () => versioned(draftArticle, '"a42v3"'),
      'PATCH /api/v1/articles/42': async (request) =>
        versioned({ ...draftArticle, ...((await bodyOf(request)) as Partial<EditorialArticle>) }, '"a42v4"'),
      'DELETE /api/v1/articles/42': () => new Response(null, { status: 204 }),
      'GET /api/v1/admin/articles': { items: [], page: 1, per_page: 20, total: 0, total_pages: 0 },
    });

    const { router } = renderApp('/admin/articles/42');
    const form = await editorForm();
    fireEvent.change(within(form).getByLabelText('发布时间（北京时间）'), { target: { value: '2000-01-01T08:00' } });
    fireEvent.click(within(form).getByRole('button', { name: '定时发布' }));
    expect(await within(form).findByText('定时发布的时间必须晚于现在')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('发布时间（北京时间）'), { target: { value: '2099-12-01T08:30' } });
    fireEvent.click(within(form).getByRole('button', { name: '定时发布' }));
    expect(await within(form).findByText('已设为定时发布，将于 2099-12-1 08:30（北京时间）发布。')).toBeTruthy();
    const [schedule] = requestsTo(fetchMock, 'PATCH /api/v1/articles/42');
    expect(await bodyOf(schedule)).toEqual({ status: 'published', published_at: '2099-12-01T00:30:00.000Z' });
    expect(within(form).getByText('定时发布', { selector: 'strong' })).toBeTruthy();

    fireEvent.click(within(form).getByRole('button', { name: '移到回收站' }));
    const confirm = within(form).getByRole('group', { name: '移到回收站' });
    fireEvent.click(within(confirm).getByRole('button', { name: '移到回收站' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/articles'));
    expect(await screen.findByText('《秘书工作的新要求》已移到回收站。')).toBeTruthy();
    expect(requestsTo(fetchMock, 'DELETE /api/v1/articles/42')).toHaveLength(1);
  });

  it('keeps the edit when reading the newer version fails', async () => {
    let reads = 0;
    stubApi({
      ...pages,
      'GET /api/v1/articles/42': () => {
        reads += 1;
        return reads === 1 ? versioned(draftArticle, '"a42v3"') : problemResponse(503, 'service_unavailable');
      },
      'PATCH /api/v1/articles/42': () => problemResponse(412, 'edit_conflict'),
    });

    renderApp('/admin/articles/42');
    const form = await editorForm();
    fireEvent.change(within(form).getByLabelText('标题'), { target: { value: '我的标题' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存草稿' }));
    fireEvent.click(within(await within(form).findByRole('alert')).getByRole('button', { name: '重新载入' }));

    expect(await within(form).findByText(/重新载入未成功/)).toBeTruthy();
    expect((within(form).getByLabelText('标题') as HTMLInputElement).value).toBe('我的标题');
  });

  it('uploads an image, puts it in the body at the caret (or at the end), and makes it the cover', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/articles/42': () => versioned(draftArticle, '"a42v3"'),
      'POST /api/v1/media': async (request) => {
        // Node's File (see nodeUploads), which is no instance of jsdom's.
        const file = (await request.clone().formData()).get('file') as File | null;
        return jsonResponse(stored(file?.name ?? '(no file)'), 201);
      },
      'PATCH /api/v1/articles/42': async (request) =>
        versioned({ ...draftArticle, ...((await bodyOf(request)) as Partial<EditorialArticle>) }, '"a42v4"'),
    });

    const file = await nodeUploads();

    renderApp('/admin/articles/42');
    const form = await editorForm();
    const body = within(form).getByLabelText('正文（Markdown）') as HTMLTextAreaElement;
    expect(within(form).queryByRole('img', { name: '封面预览' })).toBeNull();
    pick(form, await file(new Uint8Array(PNG_BYTES), '会场.png', 'image/png'));

    const uploaded = await within(form).findByRole('group', { name: '已上传的图片' });
    const [upload] = requestsTo(fetchMock, 'POST /api/v1/media');
    expect(upload.headers.get('Authorization')).toBe('Bearer token-1');
    expect(upload.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    const sent = (await upload.formData()).get('file') as File;
    expect(sent.name).toBe('会场.png');
    expect([...new Uint8Array(await sent.arrayBuffer())]).toEqual(PNG_BYTES);
    expect(within(uploaded).getByRole('img').getAttribute('src')).toBe('/media/3b1f0c.png');
    expect(uploaded.textContent).toContain('2.1 KB');

    // The editor has not been in the body yet: the image goes at the end, described by its file name.
    fireEvent.click(within(uploaded).getByRole('button', { name: '插入正文' }));
    expect(body.value).toBe('## 一、总体要求\n\n做好秘书工作。\n\n![会场](/media/3b1f0c.png)');
    const preview = within(form).getByRole('region', { name: /预览/ });
    const image = await within(preview).findByRole('img', { name: '会场' }, { timeout: 3_000 });
    expect(image.getAttribute('src')).toBe('/media/3b1f0c.png');

    // Then at the caret, as a paragraph of its own, with the description the editor gave it.
    body.focus();
    body.setSelectionRange(9, 9);
    fireEvent.keyUp(body);
    fireEvent.change(within(uploaded).getByLabelText('图片说明'), { target: { value: '会场 [全景]' } });
    fireEvent.click(within(uploaded).getByRole('button', { name: '插入正文' }));
    expect(body.value).toBe(
      '## 一、总体要求\n\n![会场 \\[全景\\]](/media/3b1f0c.png)\n\n做好秘书工作。\n\n![会场](/media/3b1f0c.png)',
    );

    fireEvent.click(within(uploaded).getByRole('button', { name: '设为封面' }));
    expect((within(form).getByLabelText('封面图片') as HTMLInputElement).value).toBe('/media/3b1f0c.png');
    expect(within(uploaded).getByRole('button', { name: '已是封面' }).getAttribute('aria-disabled')).toBe('true');
    const cover = await within(form).findByRole('img', { name: '封面预览' });
    expect(cover.getAttribute('src')).toBe('/media/3b1f0c.png');

    fireEvent.click(within(form).getByRole('button', { name: '保存草稿' }));
    expect(await within(form).findByText('修改已保存。')).toBeTruthy();
    const [save] = requestsTo(fetchMock, 'PATCH /api/v1/articles/42');
    expect(await bodyOf(save)).toEqual({ body_markdown: body.value, cover_url: '/media/3b1f0c.png' });
  });

  it('says in Chinese why an image was refused, and sends none over 5 MB', async () => {
    const refusals = [
      problemResponse(415, 'unsupported_image', 'not a PNG, JPEG, WebP or GIF image'),
      problemResponse(413, 'payload_too_large', 'over 5 MB'),
      problemResponse(422, 'validation_failed', 'invalid', { errors: [{ field: 'file', code: 'empty', message: 'the file is empty' }] }),
      problemResponse(403, 'editor_only', 'editors only'),
    ];
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/articles/42': () => versioned(draftArticle, '"a42v3"'),
      'POST /api/v1/media': () => refusals.shift() ?? problemResponse(500, 'internal'),
    });

    const file = await nodeUploads();
    const png = () => file(new Uint8Array(PNG_BYTES), '会场.png', 'image/png');

    renderApp('/admin/articles/42');
    const form = await editorForm();
    const said = async (message: string) => {
      const alert = await within(form).findByText(message);
      expect(alert.getAttribute('role')).toBe('alert');
      expect(within(form).getByLabelText('上传图片').getAttribute('aria-invalid')).toBe('true');
    };

    pick(form, await file(new TextEncoder().encode('<svg/>'), 'logo.svg', 'image/svg+xml'));
    await said('只能上传 PNG、JPEG、WebP 或 GIF 图片');
    pick(form, await png());
    await said('图片不能超过 5 MB');
    pick(form, await file(new Uint8Array(0), '空.png', 'image/png'));
    await said('所选的文件是空的，请选择一张图片。');
    pick(form, await png());
    await said('只有编辑和管理员可以执行此操作。');
    expect(requestsTo(fetchMock, 'POST /api/v1/media')).toHaveLength(4);

    // Too large to be worth sending: refused here, as the API would.
    pick(form, await file(new Uint8Array(5 * 1024 * 1024 + 1), '大图.jpg', 'image/jpeg'));
    await said('图片不能超过 5 MB');
    expect(requestsTo(fetchMock, 'POST /api/v1/media')).toHaveLength(4);
    expect(within(form).queryByRole('group', { name: '已上传的图片' })).toBeNull();
  });
});
