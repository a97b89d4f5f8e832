/** The longest query the API takes, in characters. */
export const MAX_QUERY_LENGTH = 64;

export type SearchAddress = {
  q: string;
  /** A category's slug; empty or absent for every category. */
  category?: string;
  /** From 1; the first page is left out of the address. */
  page?: number;
};

/** The results page's address: `/search?q=秘书&category=features&page=2`, empty parts left out. */
export function searchPath({ q, category = '', page = 1 }: SearchAddress): string {
  const params = new URLSearchParams({ q });
  if (category !== '') params.set('category', category);
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}
