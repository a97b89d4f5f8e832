// API 令牌 (`/admin/tokens`): the signed-in editor's own tokens.
import { TokenManager } from '@/features/api-tokens/components/token-manager';
import { useSessionState } from '@/lib/auth/session-context';
import { ConsolePage } from './console-page';

export function TokensPage() {
  const session = useSessionState();
  return (
    <ConsolePage title="API 令牌">
      {/* ConsoleRoute renders this page only for a signed-in editor or admin. */}
      {session.status === 'signed-in' && <TokenManager key={session.member.id} member={session.member} />}
    </ConsolePage>
  );
}
