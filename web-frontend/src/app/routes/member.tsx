import { Navigate, useLocation } from 'react-router';
import { LoadingState } from '@/components/ui/query-status';
import { MemberCentre } from '@/features/members/components/member-centre';
import type { SignInRequest } from '@/features/members/components/member-login-box';
import { useSite } from '@/features/site/api/get-site';
import { mayYetSignIn } from '@/lib/auth/session';
import { useSessionState } from '@/lib/auth/session-context';

/**
 * `/member`, for members only: while the session is being restored it waits; a visitor who is not
 * signed in goes to the home page, whose login box brings them back here once signed in. A member who
 * has just signed out goes home without that request.
 */
export function MemberRoute() {
  const session = useSessionState();
  const site = useSite();
  const { pathname } = useLocation();

  if (mayYetSignIn(session)) {
    return <LoadingState label="正在确认登录状态…" />;
  }
  if (session.status === 'signed-out') {
    const state: SignInRequest | undefined = session.reason === 'logout' ? undefined : { signInFor: pathname };
    return <Navigate to="/" replace state={state} />;
  }
  return <MemberCentre member={session.member} siteName={site.data?.name} />;
}
