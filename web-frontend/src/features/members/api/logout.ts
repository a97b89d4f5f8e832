import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, apiErrorFrom } from '@/lib/api/client';
import { useSession } from '@/lib/auth/session-context';
import { memberKeys } from './get-me';

/** Ends this browser's session on the server, which also clears the refresh cookie. */
export async function logout(): Promise<void> {
  const { error, response } = await apiClient.POST('/api/v1/auth/logout');
  if (!response.ok) {
    throw apiErrorFrom(response, error);
  }
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
