import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, apiErrorFrom } from '@/lib/api/client';
import { useSession } from '@/lib/auth/session-context';
import { memberKeys } from './get-me';

/** Ends every session of the member, on every device, this one included. */
export async function logoutAll(): Promise<void> {
  const { error, response } = await apiClient.POST('/api/v1/auth/logout-all');
  if (!response.ok) {
    throw apiErrorFrom(response, error);
  }
}

export function useLogoutAll() {
  const session = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logoutAll,
    onSuccess: () => {
      session.end('logout');
      queryClient.removeQueries({ queryKey: memberKeys.all });
    },
  });
}
