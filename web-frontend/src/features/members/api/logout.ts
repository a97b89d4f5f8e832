import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, okOrThrow } from '@/lib/api/client';
import { useSession } from '@/lib/auth/session-context';
import { memberKeys } from './get-me';

/** Ends this browser's session on the server, which also clears the refresh cookie. */
export async function logout(): Promise<void> {
  okOrThrow(await apiClient.POST('/api/v1/auth/logout'));
}

/**
 * 退出. Until the server has answered the member stays signed in here: the cookie only it can clear
 * would otherwise bring the session back on the next visit.
 */
export function useLogout() {
  const session = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      session.end('logout');
      queryClient.removeQueries({ queryKey: memberKeys.all });
    },
  });
}
