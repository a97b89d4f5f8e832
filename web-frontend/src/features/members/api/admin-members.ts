import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import { CONSOLE_KEY } from '@/lib/api/console-queries';
import type { components, paths } from '@/lib/api/schema';

export type MemberPage = components['schemas']['MemberPage'];
export type AdminMember = components['schemas']['MemberResponse'];
export type AdminUpdateMemberRequest = components['schemas']['AdminUpdateMemberRequest'];
export type ReviewRequest = components['schemas']['ReviewRequest'];
export type AdminMemberDetail = components['schemas']['AdminMemberResponse'];
export type MemberFilters = NonNullable<paths['/api/v1/admin/members']['get']['parameters']['query']>;

export const MEMBERS_PER_PAGE = 20;

const adminMemberKeys = {
  all: [CONSOLE_KEY, 'members'] as const,
};

export async function listMembers(filters: MemberFilters, signal?: AbortSignal): Promise<MemberPage> {
  const answer = await apiClient.GET('/api/v1/admin/members', {
    params: { query: { per_page: MEMBERS_PER_PAGE, ...filters } },
    signal,
  });
  return dataOrThrow(answer);
}

export function useMembers(filters: MemberFilters) {
  return useQuery({
    queryKey: [...adminMemberKeys.all, filters],
    queryFn: ({ signal }) => listMembers(filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** An admin changes a member's status (停用, 启用) or role; never their own (the API refuses). */
export async function updateMember(id: number, body: AdminUpdateMemberRequest): Promise<AdminMember> {
  return dataOrThrow(await apiClient.PATCH('/api/v1/admin/members/{id}', { params: { path: { id } }, body }));
}

/** Approves or rejects an enterprise member waiting for review; the reason is kept with the review. */
export async function reviewMember(id: number, body: ReviewRequest): Promise<AdminMemberDetail> {
  return dataOrThrow(await apiClient.POST('/api/v1/admin/members/{id}/review', { params: { path: { id } }, body }));
}

function useMemberMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminMemberKeys.all }) });
}

export function useUpdateMember() {
  return useMemberMutation(({ id, changes }: { id: number; changes: AdminUpdateMemberRequest }) => updateMember(id, changes));
}

export function useReviewMember() {
  return useMemberMutation(({ id, review }: { id: number; review: ReviewRequest }) => reviewMember(id, review));
}
