import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, dataOrThrow, okOrThrow } from '@/lib/api/client';
import { CONSOLE_KEY } from '@/lib/api/console-queries';
import type { components } from '@/lib/api/schema';

export type Token = components['schemas']['TokenResponse'];
export type CreatedToken = components['schemas']['CreatedTokenResponse'];
export type CreateTokenRequest = components['schemas']['CreateTokenRequest'];
export type Scope = components['schemas']['Scope'];

/** Per member: the tokens of one who signs out here are not shown to the next. */
export const tokenKeys = {
  mine: (memberId: number) => [CONSOLE_KEY, 'tokens', memberId] as const,
};

export async function listTokens(signal?: AbortSignal): Promise<Token[]> {
  return dataOrThrow(await apiClient.GET('/api/v1/members/me/tokens', { signal }));
}

export function useTokens(memberId: number) {
  return useQuery({ queryKey: tokenKeys.mine(memberId), queryFn: ({ signal }) => listTokens(signal) });
}

/** Creates a token; its secret is in the answer and nowhere else, ever. */
export async function createToken(body: CreateTokenRequest): Promise<CreatedToken> {
  return dataOrThrow(await apiClient.POST('/api/v1/members/me/tokens', { body }));
}

export function useCreateToken(memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokenKeys.mine(memberId) }),
  });
}

/** Revokes a token at once: scripts using it get 401 from then on. */
export async function revokeToken(id: number): Promise<void> {
  okOrThrow(await apiClient.DELETE('/api/v1/members/me/tokens/{id}', { params: { path: { id } } }));
}

export function useRevokeToken(memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokenKeys.mine(memberId) }),
  });
}
