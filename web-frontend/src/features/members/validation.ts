/**
 * The API's rules for what a member types, checked before anything is sent so the form can say in
 * Chinese what is wrong, field by field. The server checks again and has the last word (it alone
 * knows the common passwords and which names are taken); its answers are mapped in `server-errors.ts`.
 */

/** A field's problem in words, or undefined when the value is fine. */
export type Check = (value: string, required: boolean) => string | undefined;

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Characters, as the server counts them (code points, not UTF-16 units). */
function length(text: string): number {
  return [...text].length;
}

/** Letters of any script, digits, `_` and `-`: what Rust's `char::is_alphanumeric` lets through, and those two. */
const USERNAME_CHARACTERS = /^[\p{Alphabetic}\p{N}_-]+$/u;

export function checkUsername(raw: string): string | undefined {
  const name = raw.trim().normalize('NFKC');
  if (name === '') {
    return '请输入用户名';
  }
  const count = length(name);
  if (count < USERNAME_MIN || count > USERNAME_MAX) {
    return `用户名须为 ${USERNAME_MIN}–${USERNAME_MAX} 个字符`;
  }
  if (!USERNAME_CHARACTERS.test(name)) {
    return '用户名只能包含汉字、字母、数字、下划线（_）和连字符（-）';
  }
  return undefined;
}

/** A new password; the server also refuses the most common ones, which only it knows. */
export function checkNewPassword(raw: string, username: string): string | undefined {
  if (raw === '') {
    return '请设置密码';
  }
  const password = raw.normalize('NFKC');
  const count = length(password);
  if (count < PASSWORD_MIN) {
    return `密码至少需要 ${PASSWORD_MIN} 个字符`;
  }
  if (count > PASSWORD_MAX) {
    return `密码不能超过 ${PASSWORD_MAX} 个字符`;
  }
  if (username.trim() !== '' && password.toLowerCase() === username.trim().normalize('NFKC').toLowerCase()) {
    return '密码不能与用户名相同';
  }
  return undefined;
}

export function checkPasswordConfirmation(confirmation: string, password: string): string | undefined {
  if (confirmation === '') {
    return '请再次输入密码';
  }
  return confirmation === password ? undefined : '两次输入的密码不一致';
}

/** Free text (a name, an address): not blank when required, at most `max` characters, no control characters. */
export function text(max: number, label: string): Check {
  return (raw, required) => {
    const value = raw.trim();
    if (value === '') {
      return required ? `请填写${label}` : undefined;
    }
    if (length(value) > max) {
      return `${label}不能超过 ${max} 个字符`;
    }
    // Line breaks are fine (an introduction has paragraphs); other control characters are not.
    if (/[\p{Cc}]/u.test(value.replace(/\n/g, ''))) {
      return `${label}不能包含控制字符`;
    }
    return undefined;
  };
}

export const checkEmail: Check = (raw, required) => {
  const email = raw.trim();
  if (email === '') {
    return required ? '请填写电子邮箱' : undefined;
  }
  // Split at the first @, as the server does: something before it, a dotted domain after it.
  const at = email.indexOf('@');
  const domain = email.slice(at + 1);
  const valid =
    new TextEncoder().encode(email).length <= 254 &&
    !/\s/u.test(email) &&
    at > 0 &&
    !domain.includes('@') &&
    domain.includes('.') &&
    !domain.startsWith('.') &&
    !domain.endsWith('.');
  return valid ? undefined : '请输入有效的电子邮箱地址，如 name@example.com';
};

export const checkPhone: Check = (raw, required) => {
  const phone = raw.trim();
  if (phone === '') {
    return required ? '请填写电话号码' : undefined;
  }
  const count = length(phone);
  const valid = count >= 5 && count <= 20 && /[0-9]/.test(phone) && /^[0-9 +\-()]+$/.test(phone);
  return valid ? undefined : '请输入有效的电话号码（5–20 位，可含数字、空格、+、- 和括号）';
};

export const checkWebsite: Check = (raw, required) => {
  const problem = text(200, '网址')(raw, required);
  if (problem !== undefined || raw.trim() === '') {
    return problem;
  }
  try {
    const url = new URL(raw.trim());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') {
      return undefined;
    }
  } catch {
    // Not an address at all; said below.
  }
  return '请输入以 http:// 或 https:// 开头的网址';
};

/** 统一社会信用代码 (GB 32100-2015): the alphabet without I, O, S, V and Z; a character's value is its index. */
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^i mod 31 for positions 1 to 17. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The form the server keeps: trimmed and in capitals. */
export function normaliseCreditCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export const checkCreditCode: Check = (raw, required) => {
  const code = normaliseCreditCode(raw);
  if (code === '') {
    return required ? '请填写统一社会信用代码' : undefined;
  }
  const values = [...code].map((character) => CREDIT_CODE_ALPHABET.indexOf(character));
  if (values.some((value) => value < 0)) {
    return '统一社会信用代码只能由数字和大写字母组成（不含 I、O、S、V、Z）';
  }
  if (values.length !== 18) {
    return `统一社会信用代码应为 18 位（现为 ${values.length} 位）`;
  }
  const sum = values.slice(0, 17).reduce((total, value, i) => total + value * CREDIT_CODE_WEIGHTS[i], 0);
  const check = (31 - (sum % 31)) % 31;
  if (values[17] !== check) {
    return '统一社会信用代码的校验位不正确，请核对后重新输入';
  }
  return undefined;
};
