import { useSearchParams } from 'react-router';
import { useCategories } from '@/features/categories/api/list-categories';
import { SearchPage } from '@/features/search/components/search-page';
import { useSite } from '@/features/site/api/get-site';
import { parsePage } from './category';

/** `/search?q=秘书&category=features&page=2`: everything the results show is in the address, so 后退 works. */
export function SearchRoute() {
  const [searchParams] = useSearchParams();
  const site = useSite();
  // The navigation bar's query: no second request.
  const categories = useCategories();
  return (
    <SearchPage
      q={(searchParams.get('q') ?? '').trim()}
      category={(searchParams.get('category') ?? '').trim()}
      page={parsePage(searchParams.get('page'))}
      categories={categories.data?.items ?? []}
      siteName={site.data?.name}
    />
  );
}
