/**
 * The captcha of the forms that need one (registration, comments): four digits as an image, for one
 * attempt within five minutes. Any attempt spends it, so a form asks for a new one after every
 * submission that did not go through.
 */
import { useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Captcha = components['schemas']['CaptchaResponse'];

export async function createCaptcha(): Promise<Captcha> {
  return dataOrThrow(await apiClient.POST('/api/v1/captchas'));
}

/**
 * The captcha of the form on screen; `refetch()` brings a new one (换一张, and after every failed
 * submission). Kept while the form is shown and dropped when it goes, so coming back brings a fresh
 * one. The request is not cancelled when StrictMode remounts the form, so React's double mount still
 * asks only once. With `enabled: false` nothing is asked until `refetch()` (a form that most visitors
 * never use waits until one starts filling it in).
 */
export function useCaptcha({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['captcha'],
    queryFn: createCaptcha,
    enabled,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

/** The answer's shape: the image's four digits. */
export function checkCaptchaAnswer(raw: string): string | undefined {
  const answer = raw.trim();
  if (answer === '') {
    return '请输入验证码';
  }
  return /^[0-9]{4}$/.test(answer) ? undefined : '验证码为图中的 4 位数字';
}

/** Whether the captcha has run out by this browser's clock (the server has the last word). */
export function isExpired(captcha: Captcha, now = Date.now()): boolean {
  const expiresAt = Date.parse(captcha.expires_at);
  return !Number.isNaN(expiresAt) && expiresAt <= now;
}
