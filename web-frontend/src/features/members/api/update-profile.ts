import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import type { Member } from '@/lib/auth/session';
import { useSession } from '@/lib/auth/session-context';
import { memberKeys } from './get-me';

/** The fields to change; `null` clears an optional one, a missing key leaves it as it is. */
export type ProfileChanges = components['schemas']['UpdateProfileRequest'];

export async function updateProfile(changes: ProfileChanges): Promise<Member> {
  return dataOrThrow(await apiClient.PATCH('/api/v1/members/me', { body: changes }));
}

export function useUpdateProfile() {
  const session = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: (member) => {
      queryClient.setQueryData(memberKeys.me(member.id), member);
      session.updateMember(member);
    },
  });
}
