import { hashKey, type QueryClient } from '@tanstack/react-query';
import { siteQueryOptions } from '@/features/site/api/get-site';
import { setSiteTimeZone } from '@/utils/format';

const following = new WeakSet<QueryClient>();

/**
 * Keeps the formatters' zone (`utils/format`) on the site's own from the moment the site's settings
 * enter `queryClient`'s cache, by the page's data island before the first render or by `GET /site`.
 * Following a client twice (StrictMode renders twice) subscribes once.
 */
export function followSiteTimeZone(queryClient: QueryClient): void {
  if (following.has(queryClient)) {
    return;
  }
  following.add(queryClient);
  const siteKey = siteQueryOptions().queryKey;
  const siteHash = hashKey(siteKey);
  setSiteTimeZone(queryClient.getQueryData(siteKey)?.time_zone);
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.query.queryHash === siteHash) {
      setSiteTimeZone(queryClient.getQueryData(siteKey)?.time_zone);
    }
  });
}
