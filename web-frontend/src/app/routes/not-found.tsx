import { NotFound } from '@/components/layout/not-found';
import { useSite } from '@/features/site/api/get-site';

export function NotFoundPage() {
  const site = useSite();
  return <NotFound siteName={site.data?.name} />;
}
