// What the API said about a form, in Chinese: messages for the fields it named, and the rest for the
// top of the form. The API's field names are the forms' field names.
import { ApiError, type FieldError } from '@/lib/api/client';
import { FIELD_LABELS } from './fields';
import { formatWait } from '@/utils/format';
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX, USERNAME_MIN } from './validation';

/** A message per field name; a field without an entry is fine. */
export type FieldErrors = Partial<Record<string, string>>;

export type FormErrors = {
  fields: FieldErrors;
  /** Problems that belong to no field the form shows, or to the form as a whole. */
  general: string[];
};

function labelOf(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** One field error of a 422, in words a member understands. */
export function fieldMessage({ field, code }: FieldError): string {
  if (FIELD_LABELS[field] === undefined) {
    // Not a field a member fills in: the request itself was off. Said plainly, for a report.
    return `提交的数据有误（${field || 'body'}：${code}），请刷新页面后重试。`;
  }
  const label = labelOf(field);
  const password = field === 'password' || field === 'new_password';
  switch (code) {
    case 'length':
      return field === 'username' ? `用户名须为 ${USERNAME_MIN}–${USERNAME_MAX} 个字符` : `${label}的长度不符合要求`;
    case 'characters':
      return field === 'username'
        ? '用户名只能包含汉字、字母、数字、下划线（_）和连字符（-）'
        : `${label}不能包含控制字符`;
    case 'too_short':
      return password ? `密码至少需要 ${PASSWORD_MIN} 个字符` : `${label}太短`;
    case 'too_long':
      return password ? `密码不能超过 ${PASSWORD_MAX} 个字符` : `${label}太长，请删减`;
    case 'too_common':
      return '这个密码太常见，容易被猜到，请换一个';
    case 'same_as_username':
      return '密码不能与用户名相同';
    case 'format':
      if (field === 'email') return '请输入有效的电子邮箱地址，如 name@example.com';
      if (field === 'website') return '请输入以 http:// 或 https:// 开头的网址';
      if (field === 'phone' || field === 'contact_phone') return '请输入有效的电话号码';
      return `${label}的格式不正确`;
    case 'check_character':
      return '统一社会信用代码无效（位数、字符或校验位不正确），请核对后重新输入';
    case 'required':
      return field === 'email' ? '企业会员须填写电子邮箱' : `请填写${label}`;
    case 'blank':
      return `请填写${label}`;
    case 'wrong':
      return field === 'current_password' ? '当前密码不正确' : `${label}不正确`;
    case 'not_for_kind':
      return `${label}不适用于您的会员类型`;
    default:
      return `${label}填写有误`;
  }
}

/**
 * Sorts what went wrong with a submitted form: field errors go to the fields in `fields` (the ones the
 * form shows), everything else to the top of the form.
 */
export function formErrorsFrom(error: Error, fields: readonly string[]): FormErrors {
  const result: FormErrors = { fields: {}, general: [] };
  const toField = (field: string, message: string) => {
    if (fields.includes(field) && result.fields[field] === undefined) {
      result.fields[field] = message;
    } else {
      result.general.push(FIELD_LABELS[field] === undefined ? message : `${labelOf(field)}：${message}`);
    }
  };

  if (!(error instanceof ApiError)) {
    result.general.push('网络请求未完成，请检查网络连接后重试。');
    return result;
  }
  switch (error.code) {
    case 'validation_failed':
      for (const fieldError of error.fieldErrors) {
        toField(fieldError.field, fieldMessage(fieldError));
      }
      if (error.fieldErrors.length === 0) {
        result.general.push('提交的内容有误，请检查后重试。');
      }
      return result;
    case 'captcha_invalid':
      toField('captcha_answer', '验证码错误或已过期，请输入新图片中的数字');
      return result;
    case 'username_taken':
      toField('username', '该用户名已被注册，请换一个');
      return result;
    case 'email_taken':
      toField('email', '该电子邮箱已被其他会员使用');
      return result;
    case 'rate_limited':
      result.general.push(
        error.retryAfter !== undefined
          ? `操作过于频繁，请在 ${formatWait(error.retryAfter)}后再试。`
          : '操作过于频繁，请稍后再试。',
      );
      return result;
    case 'unauthenticated':
      result.general.push('登录已失效，请重新登录。');
      return result;
  }
  if (error.status >= 500) {
    result.general.push(`服务器暂时不可用，请稍后重试（HTTP ${error.status}）。`);
  } else {
    result.general.push(`提交未成功（HTTP ${error.status}${error.code ? `，${error.code}` : ''}），请检查后重试。`);
  }
  return result;
}
