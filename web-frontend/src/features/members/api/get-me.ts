import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { Member } from '@/lib/auth/session';
import { useSession } from '@/lib/auth/session-context';

export const memberKeys = {
  all: ['members'] as const,
  /** Per member, so nothing of one member's account is ever shown to the next who signs in here. */
  me: (id: number) => ['members', 'me', id] as const,
};

export async function getMe(signal?: AbortSignal): Promise<Member> {
  return dataOrThrow(await apiClient.GET('/api/v1/members/me', { signal }));
}

/**
 * The signed-in member's account as the server has it now (an admin may have reviewed it since the
 * session began); the session's copy, which the login box shows too, follows it.
 */
export function useMe(id: number) {
  const session = useSession();
  const me = useQuery({ queryKey: memberKeys.me(id), queryFn: ({ signal }) => getMe(signal) });
  useEffect(() => {
    if (me.data !== undefined) {
      session.updateMember(me.data);
    }
  }, [me.data, session]);
  return me;
}
