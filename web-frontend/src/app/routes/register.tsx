import { useSearchParams } from 'react-router';
import { RegisterPage } from '@/features/members/components/register-page';
import type { MemberKind } from '@/features/members/fields';
import { useSite } from '@/features/site/api/get-site';

/** `?kind=enterprise` opens the 企业会员 tab; anything else the 个人会员 one. */
export function parseKind(raw: string | null): MemberKind {
  return raw === 'enterprise' ? 'enterprise' : 'personal';
}

export function RegisterRoute() {
  const [searchParams, setSearchParams] = useSearchParams();
  const site = useSite();
  return (
    <RegisterPage
      kind={parseKind(searchParams.get('kind'))}
      // The tab is part of the address (the login box links to each), without a history entry per click.
      onKindChange={(kind) => setSearchParams({ kind }, { replace: true, preventScrollReset: true })}
      siteName={site.data?.name}
    />
  );
}
