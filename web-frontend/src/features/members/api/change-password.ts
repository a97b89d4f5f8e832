import { useMutation } from '@tanstack/react-query';
import { apiClient, okOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { useSession } from '@/lib/auth/session-context';
import { login } from '@/lib/auth/login';

export type ChangePasswordRequest = components['schemas']['ChangePasswordRequest'];

/** Changes the password; the server then ends every session of the member, this one included. */
export async function changePassword(body: ChangePasswordRequest): Promise<void> {
  okOrThrow(await apiClient.PUT('/api/v1/members/me/password', { body }));
}

type ChangePasswordInput = ChangePasswordRequest & { username: string };

/** Thrown when the password changed but signing in again with it did not work. */
export class SignInAgainError extends Error {
  constructor() {
    super('the password was changed, but signing in again failed');
    this.name = 'SignInAgainError';
  }
}

/**
 * Changes the password and signs in again with the new one, so the member carries on here while
 * every other device is signed out.
 */
export function useChangePassword() {
  const session = useSession();
  return useMutation({
    mutationFn: async ({ username, ...body }: ChangePasswordInput) => {
      await changePassword(body);
      try {
        return await login({ username, password: body.new_password });
      } catch {
        throw new SignInAgainError();
      }
    },
    onSuccess: (signedIn) => session.start(signedIn),
    onError: (error) => {
      if (error instanceof SignInAgainError) {
        // This session is over on the server; the login box takes it from here.
        session.end('expired');
      }
    },
  });
}
