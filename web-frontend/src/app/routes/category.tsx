import { useParams, useSearchParams } from 'react-router';
import { CategoryPage } from '@/features/categories/components/category-page';
import { useSite } from '@/features/site/api/get-site';

/** The API's limit for `page`. */
const LAST_PAGE = 100_000;

/** `?page=N`: a whole number from 1; anything else is the first page. */
export function parsePage(raw: string | null): number {
  if (raw === null || !/^\d{1,6}$/.test(raw)) {
    return 1;
  }
  const page = Number(raw);
  return page >= 1 && page <= LAST_PAGE ? page : 1;
}

export function CategoryRoute() {
  const { slug = '' } = useParams();
  const [searchParams] = useSearchParams();
  const site = useSite();
  // A new category starts afresh: no list from the previous one stays on screen while this one loads.
  return <CategoryPage key={slug} slug={slug} page={parsePage(searchParams.get('page'))} siteName={site.data?.name} />;
}
