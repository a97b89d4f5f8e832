import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { categoryList, featuresDetail, home, searchPage, secretaryHits, site } from '@/testing/fixtures';
import { renderApp, requestsTo, stubApi } from '@/testing/render-app';

const api = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/categories/features': featuresDetail,
  'GET /api/v1/home': home,
  'GET /api/v1/search': searchPage(secretaryHits),
};

/** The header's search form, its box and its button. */
function headerSearch() {
  const form = within(screen.getByRole('banner')).getByRole('search', { name: '站内搜索' });
  return {
    form,
    box: within(form).getByLabelText<HTMLInputElement>('搜索'),
    button: within(form).getByRole('button', { name: '搜索' }),
  };
}

describe('the search box in the header', () => {
  it('is on every reader page, a box labelled 搜索 with its button', async () => {
    stubApi(api);

    const { router } = renderApp('/');

    const { box, button } = headerSearch();
    expect(box.getAttribute('type')).toBe('search');
    expect(box.getAttribute('placeholder')).toBe('搜索文章');
    expect(box.value).toBe('');
    expect(button.getAttribute('type')).toBe('submit');

    await act(() => router.navigate('/c/features'));
    await screen.findByRole('heading', { level: 1, name: '特稿' });
    expect(headerSearch().box).toBeTruthy();
  });

  it('goes to /search?q= with what was typed, trimmed', async () => {
    const fetchMock = stubApi(api);

    const { router } = renderApp('/');

    const { box, button } = headerSearch();
    fireEvent.change(box, { target: { value: '  秘书 ' } });
    fireEvent.click(button);

    await waitFor(() => expect(router.state.location.pathname).toBe('/search'));
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe('秘书');
    expect(await screen.findByRole('heading', { level: 1, name: '搜索“秘书”' })).toBeTruthy();
    expect(headerSearch().box.value).toBe('秘书');
    const sent = new URL(requestsTo(fetchMock, 'GET /api/v1/search')[0].url).searchParams;
    expect(sent.get('q')).toBe('秘书');
  });

  it('stays on the page for an empty or blank query and says what to do', async () => {
    const fetchMock = stubApi(api);

    const { router } = renderApp('/');

    const { box, button } = headerSearch();
    fireEvent.click(button);
    expect(box.validationMessage).toBe('请输入要搜索的文字');

    fireEvent.change(box, { target: { value: '   ' } });
    expect(box.validationMessage).toBe('');
    fireEvent.submit(headerSearch().form);

    expect(box.validationMessage).toBe('请输入要搜索的文字');
    expect(router.state.location.pathname).toBe('/');
    expect(requestsTo(fetchMock, 'GET /api/v1/search')).toHaveLength(0);
  });

  it('shows the query of the results page, and follows the address back and forward', async () => {
    stubApi(api);

    const { router } = renderApp('/search?q=%E7%A7%98%E4%B9%A6');

    expect(headerSearch().box.value).toBe('秘书');
    await act(() => router.navigate('/c/features'));
    expect(headerSearch().box.value).toBe('');
    await act(() => router.navigate(-1));
    expect(headerSearch().box.value).toBe('秘书');
  });

  it('starts a new search from the results page without the old one’s category or page', async () => {
    stubApi(api);

    const { router } = renderApp('/search?q=%E7%A7%98%E4%B9%A6&category=features&page=2');

    const { box, button } = headerSearch();
    fireEvent.change(box, { target: { value: '竞赛' } });
    fireEvent.click(button);

    await waitFor(() => expect(router.state.location.search).toBe('?q=%E7%AB%9E%E8%B5%9B'));
    expect(await screen.findByRole('heading', { level: 1, name: '搜索“竞赛”' })).toBeTruthy();
  });
});
