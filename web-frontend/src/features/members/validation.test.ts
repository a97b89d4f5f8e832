import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  checkEmail,
  checkNewPassword,
  checkPhone,
  checkUsername,
  checkWebsite,
  text,
} from './validation';

describe('the rules mirrored from the API', () => {
  it('takes usernames of any script, 3 to 32 characters, after NFKC', () => {
    expect(checkUsername('  Ｚhou_辉-1 ')).toBeUndefined();
    expect(checkUsername('秘书小周')).toBeUndefined();
    expect(checkUsername('ab')).toBe('用户名须为 3–32 个字符');
    expect(checkUsername('字'.repeat(33))).toBe('用户名须为 3–32 个字符');
    // Counted in characters, not UTF-16 units.
    expect(checkUsername('𠀀'.repeat(32))).toBeUndefined();
    expect(checkUsername('has space')).toMatch(/^用户名只能包含/);
    expect(checkUsername('a@b')).toMatch(/^用户名只能包含/);
    expect(checkUsername('')).toBe('请输入用户名');
  });

  it('wants passwords of 8 to 128 characters that are not the username', () => {
    expect(checkNewPassword('tq8-vault', 'zhouhui')).toBeUndefined();
    expect(checkNewPassword('short7!', 'zhouhui')).toBe('密码至少需要 8 个字符');
    expect(checkNewPassword('秘书工作四要', 'zhouhui')).toBe('密码至少需要 8 个字符');
    expect(checkNewPassword('a'.repeat(129), 'zhouhui')).toBe('密码不能超过 128 个字符');
    expect(checkNewPassword('zhouhui2007', ' ZhouHui2007 ')).toBe('密码不能与用户名相同');
    expect(checkNewPassword('', 'zhouhui')).toBe('请设置密码');
  });

  it('checks the credit code’s alphabet, length and check character (GB 32100-2015)', () => {
    expect(checkCreditCode('91350100M000100Y43', true)).toBeUndefined();
    expect(checkCreditCode(' 91350100m000100y43 ', true)).toBeUndefined();
    expect(checkCreditCode('91350100M000100Y44', true)).toMatch(/校验位不正确/);
    expect(checkCreditCode('91350100M000100Y4', true)).toMatch(/应为 18 位/);
    expect(checkCreditCode('91350100M000100I43', true)).toMatch(/不含 I、O、S、V、Z/);
    expect(checkCreditCode('', true)).toBe('请填写统一社会信用代码');
    expect(checkCreditCode('', false)).toBeUndefined();
  });

  it('checks e-mail addresses, phone numbers and web addresses as the server does', () => {
    expect(checkEmail('zhou@example.org', true)).toBeUndefined();
    for (const bad of ['zhou', 'zhou@', '@example.org', 'zhou@example', 'zh ou@example.org', 'a@b@c.org', 'a@.org']) {
      expect(checkEmail(bad, false), bad).toBeDefined();
    }
    expect(checkEmail('', true)).toBe('请填写电子邮箱');
    expect(checkEmail('', false)).toBeUndefined();
    expect(checkPhone('+86 0745-1234567', true)).toBeUndefined();
    expect(checkPhone('call me', true)).toBeDefined();
    expect(checkPhone('1234', true)).toBeDefined();
    expect(checkWebsite('https://example.org', false)).toBeUndefined();
    expect(checkWebsite('javascript:alert(1)', false)).toBeDefined();
    expect(checkWebsite('example.org', false)).toBeDefined();
  });

  it('limits free text and keeps control characters out', () => {
    const address = text(200, '地址');
    expect(address('  ', true)).toBe('请填写地址');
    expect(address('  ', false)).toBeUndefined();
    expect(address('路'.repeat(201), false)).toBe('地址不能超过 200 个字符');
    expect(address('第一行\n第二行', false)).toBeUndefined();
    expect(address('a\u0007b', false)).toBe('地址不能包含控制字符');
  });
});
