import { describe, expect, it } from 'vitest';
import { checkCaptchaAnswer, isExpired, type Captcha } from './create-captcha';

describe('the captcha', () => {
  it('wants its four digits', () => {
    expect(checkCaptchaAnswer(' 3190 ')).toBeUndefined();
    expect(checkCaptchaAnswer('319')).toBe('验证码为图中的 4 位数字');
    expect(checkCaptchaAnswer('')).toBe('请输入验证码');
  });

  it('runs out at its expiry time', () => {
    const captcha: Captcha = { id: 'c', image: 'data:image/png;base64,', expires_at: '2026-11-28T02:05:00Z' };
    expect(isExpired(captcha, Date.parse('2026-11-28T02:04:59Z'))).toBe(false);
    expect(isExpired(captcha, Date.parse('2026-11-28T02:05:00Z'))).toBe(true);
  });
});
