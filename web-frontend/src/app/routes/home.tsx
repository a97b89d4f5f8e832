import { useSite } from '@/features/site/api/get-site';
import { HomePage } from '@/features/home/components/home-page';

export function HomeRoute() {
  // Shares the masthead's query, so this makes no second request.
  const site = useSite();
  return <HomePage siteName={site.data?.name} />;
}
