import { useQuery } from '@tanstack/react-query';
import { apiClient, apiErrorFrom } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Captcha = components['schemas']['CaptchaResponse'];

/** A new captcha: four digits as an image, for one attempt within five minutes. */
export async function createCaptcha(): Promise<Captcha> {
  const { data, error, response } = await apiClient.POST('/api/v1/captchas');
  if (data === undefined) {
    throw apiErrorFrom(response, error);
  }
  return data;
}

/**
 * The captcha of the form on screen; `refetch()` brings a new one (换一张, and after every failed
 * submission, since the server may have used the old one up). Kept while the form is shown and
 * dropped when it goes, so coming back brings a fresh one. The request is not cancelled when
 * StrictMode remounts the form, so React's double mount still asks only once.
 */
export function useCaptcha() {
  return useQuery({
    queryKey: ['members', 'captcha'],
    queryFn: createCaptcha,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}
