import { useMutation } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import type { SessionResponse } from '@/lib/auth/session';
import { useSession } from '@/lib/auth/session-context';

export type RegisterRequest = components['schemas']['RegisterRequest'];

/** Registers a member of either kind; the answer is a session, as a login's is. */
export async function registerMember(body: RegisterRequest): Promise<SessionResponse> {
  return dataOrThrow(await apiClient.POST('/api/v1/members', { body }));
}

/**
 * Registers and signs the new member in at once. `onRegistered` runs even if the form has gone from
 * the screen by then (the page changes as soon as a member is signed in).
 */
export function useRegisterMember({ onRegistered }: { onRegistered?: (signedIn: SessionResponse) => void } = {}) {
  const session = useSession();
  return useMutation({
    mutationFn: registerMember,
    onSuccess: (signedIn) => {
      session.start(signedIn);
      onRegistered?.(signedIn);
    },
  });
}
