import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type SessionResponse = components['schemas']['SessionResponse'];

/**
 * Trades the refresh cookie for a new access token (the server rotates the cookie). `null` when
 * there is no session to renew (204: no cookie was sent; 401: an expired, revoked or reused one).
 */
export async function refreshSession(): Promise<SessionResponse | null> {
  const answer = await apiClient.POST('/api/v1/auth/refresh');
  if (answer.response.status === 204 || answer.response.status === 401) {
    return null;
  }
  return dataOrThrow(answer);
}
