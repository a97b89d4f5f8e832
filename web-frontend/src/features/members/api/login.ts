import { useMutation } from '@tanstack/react-query';
import { apiClient, apiErrorFrom } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import type { SessionResponse } from '@/lib/auth/session';
import { useSession } from '@/lib/auth/session-context';

export type LoginRequest = components['schemas']['LoginRequest'];

export async function login(body: LoginRequest): Promise<SessionResponse> {
  const { data, error, response } = await apiClient.POST('/api/v1/auth/login', { body });
  if (data === undefined) {
    throw apiErrorFrom(response, error);
  }
  return data;
}

/**
 * Signs in. `onSignedIn` runs even though the login form leaves the screen as soon as the member is
 * signed in (callbacks given to `mutate` would not).
 */
export function useLogin({ onSignedIn }: { onSignedIn?: (signedIn: SessionResponse) => void } = {}) {
  const session = useSession();
  return useMutation({
    mutationFn: login,
    onSuccess: (signedIn) => {
      session.start(signedIn);
      onSignedIn?.(signedIn);
    },
  });
}
