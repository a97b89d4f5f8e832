import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, okOrThrow } from '@/lib/api/client';
import { useSession } from '@/lib/auth/session-context';
import { memberKeys } from './get-me';

/** Ends every session of the member, on every device, this one included. */
export async function logoutAll(): Promise<void> {
  okOrThrow(await apiClient.POST('/api/v1/auth/logout-all'));
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
