/**
 * The server writes each reader's page as HTML and, just before `</body>`, the API answers that page
 * was made from (`<script id="kanwu-data" type="application/json">`). Put into the query cache before
 * the first render, under the keys the features ask with, they let the SPA draw the same page at once
 * without asking the API again, so taking over from the server's HTML shows no change.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { articleQueryOptions, ANONYMOUS_VIEWER, type Article } from '@/features/articles/api/get-article';
import { categoryQueryOptions, type CategoryDetail } from '@/features/categories/api/get-category';
import { categoriesQueryOptions, type CategoryList } from '@/features/categories/api/list-categories';
import { categoryArticlesQueryOptions, type ArticlePage } from '@/features/categories/api/list-category-articles';
import { articleCommentsQueryOptions, type CommentPage } from '@/features/comments/api/list-comments';
import { homeQueryOptions, type Home } from '@/features/home/api/get-home';
import { searchQueryOptions, type SearchPage } from '@/features/search/api/search-articles';
import { siteQueryOptions, type Site } from '@/features/site/api/get-site';

/** The island's id in the server's page. */
export const PAGE_DATA_ID = 'kanwu-data';

/**
 * How long the server's answers count as fresh: long enough for the first render (and StrictMode's
 * second mount) to ask for nothing, as long as the home page's own; a copy fetched since is the
 * query's own business again.
 */
export const PAGE_DATA_FRESH_MS = 60 * 1000;

/** The island's members, each as the API answers it for a signed-out reader (see issue #18). */
export type PageData = {
  site?: Site;
  categories?: CategoryList;
  home?: Home;
  /** On `/a/{id}`: the article and the first page of its comments. */
  article?: Article;
  comments?: CommentPage;
  /** On `/c/{slug}`: the category and the page of its list the address asks for. */
  category?: CategoryDetail;
  category_articles?: { page: number; list: ArticlePage };
  /** On `/search`: the parameters the SPA would send, and the answer. */
  search?: { q: string; category: string | null; page: number; results: SearchPage };
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasList(value: unknown, field: string): value is Json {
  return isObject(value) && Array.isArray(value[field]);
}

function isPage(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1;
}

/**
 * Reads the island and takes it out of the document (React replaces the server's HTML, and the data
 * has no use once in the cache). Undefined when the page has none or it is not a JSON object.
 */
export function takePageData(doc: Document = document): PageData | undefined {
  const island = doc.getElementById(PAGE_DATA_ID);
  if (island === null) {
    return undefined;
  }
  island.remove();
  try {
    const data: unknown = JSON.parse(island.textContent ?? '');
    return isObject(data) ? pick(data) : undefined;
  } catch {
    // A broken island costs only the requests it would have saved.
    return undefined;
  }
}

/**
 * The members the cache can use. Each is checked only as far as its query key needs; one that does
 * not fit is left out and fetched as if there were no island.
 */
function pick(data: Json): PageData {
  const picked: PageData = {};
  if (isObject(data.site) && typeof data.site.name === 'string') picked.site = data.site as Site;
  if (hasList(data.categories, 'items')) picked.categories = data.categories as CategoryList;
  if (hasList(data.home, 'categories')) picked.home = data.home as Home;
  if (isObject(data.article) && Number.isSafeInteger(data.article.id)) {
    picked.article = data.article as Article;
    if (hasList(data.comments, 'items')) picked.comments = data.comments as CommentPage;
  }
  if (isObject(data.category) && isObject(data.category.category) && typeof data.category.category.slug === 'string') {
    picked.category = data.category as CategoryDetail;
    const list = data.category_articles;
    if (isObject(list) && isPage(list.page) && hasList(list.list, 'items')) {
      picked.category_articles = { page: list.page, list: list.list as ArticlePage };
    }
  }
  const search = data.search;
  if (
    isObject(search) &&
    typeof search.q === 'string' &&
    (search.category === null || typeof search.category === 'string') &&
    isPage(search.page) &&
    hasList(search.results, 'items')
  ) {
    picked.search = { q: search.q, category: search.category, page: search.page, results: search.results as SearchPage };
  }
  return picked;
}

/** Puts the island's answers into `queryClient` under the features' own query keys. */
export function seedQueries(queryClient: QueryClient, data: PageData, now = Date.now()): void {
  const seed = (queryKey: QueryKey, answer: unknown) => {
    queryClient.setQueryData(queryKey, answer, { updatedAt: now });
    // Fresh while it is still the server's copy: a query's own staleTime (the site's, the home
    // page's) wins over this, and only the queries that would refetch on mount need it.
    queryClient.setQueryDefaults(queryKey, {
      staleTime: (query) => (query.state.dataUpdatedAt === now ? PAGE_DATA_FRESH_MS : 0),
    });
  };

  if (data.site) seed(siteQueryOptions().queryKey, data.site);
  if (data.categories) seed(categoriesQueryOptions().queryKey, data.categories);
  if (data.home) seed(homeQueryOptions().queryKey, data.home);
  if (data.article) {
    const id = data.article.id;
    seed(articleQueryOptions(id, ANONYMOUS_VIEWER).queryKey, data.article);
    if (data.comments) seed(articleCommentsQueryOptions(id, 1).queryKey, data.comments);
  }
  if (data.category) {
    const slug = data.category.category.slug;
    seed(categoryQueryOptions(slug).queryKey, data.category);
    const list = data.category_articles;
    if (list) seed(categoryArticlesQueryOptions(slug, list.page).queryKey, list.list);
  }
  if (data.search) {
    const { q, category, page, results } = data.search;
    seed(searchQueryOptions({ q, category: category ?? '', page }).queryKey, results);
  }
}
