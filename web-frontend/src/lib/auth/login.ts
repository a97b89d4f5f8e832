import { useMutation } from '@tanstack/react-query';
import { ApiError, apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { formatWait } from '@/utils/format';
import type { SessionResponse } from './session';
import { useSession } from './session-context';

export type LoginRequest = components['schemas']['LoginRequest'];

export async function login(body: LoginRequest): Promise<SessionResponse> {
  return dataOrThrow(await apiClient.POST('/api/v1/auth/login', { body }));
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

/** The one message for a failed login, wherever it is tried: never which of username and password was wrong. */
export function loginFailureMessage(error: Error): string {
  if (!(error instanceof ApiError)) {
    return '网络请求未完成，请检查网络连接后重试。';
  }
  switch (error.code) {
    case 'invalid_credentials':
      return '用户名或密码错误';
    case 'account_disabled':
      return '该账户已被停用，如有疑问请联系网站管理员。';
    case 'rate_limited':
      return error.retryAfter !== undefined
        ? `登录失败次数过多，请在 ${formatWait(error.retryAfter)}后再试。`
        : '登录失败次数过多，请稍后再试。';
  }
  return error.status >= 500 ? '服务器暂时不可用，请稍后再试。' : `登录未成功（HTTP ${error.status}），请稍后再试。`;
}
