// What the API said about a console request, in Chinese. Features map the codes that mean something
// particular to them first and fall back on these.
import { formatWait } from '@/utils/format';
import { ApiError } from './client';

/** A failed request in one sentence, for the codes any operation may answer. */
export function problemMessage(error: Error): string {
  if (!(error instanceof ApiError)) {
    return '网络请求未完成，请检查网络连接后重试。';
  }
  switch (error.code) {
    case 'unauthenticated':
      return '登录已失效，请重新登录后再试。';
    case 'editor_only':
      return '只有编辑和管理员可以执行此操作。';
    case 'admin_only':
      return '只有管理员可以执行此操作。';
    case 'account_disabled':
      return '该账户已被停用。';
    case 'not_found':
      return '要操作的内容已不存在，请刷新页面。';
    case 'rate_limited':
      return error.retryAfter !== undefined
        ? `操作过于频繁，请在 ${formatWait(error.retryAfter)}后再试。`
        : '操作过于频繁，请稍后再试。';
  }
  if (error.status >= 500) {
    return `服务器暂时不可用，请稍后重试（HTTP ${error.status}）。`;
  }
  return `操作未成功（HTTP ${error.status}${error.code ? `，${error.code}` : ''}），请稍后重试。`;
}

/** One field error of a 422 for a field labelled `label`, by the API's rule codes. */
export function fieldErrorMessage(label: string, code: string): string {
  switch (code) {
    case 'blank':
    case 'required':
      return `请填写${label}`;
    case 'too_long':
      return `${label}太长，请删减`;
    case 'too_short':
      return `${label}太短`;
    case 'length':
      return `${label}的长度不符合要求`;
    case 'characters':
      return `${label}不能包含控制字符`;
    case 'format':
    case 'invalid':
      return `${label}的格式不正确`;
    case 'not_found':
      return `所选的${label}不存在，请刷新页面后重新选择`;
    case 'in_past':
      return `${label}必须晚于现在`;
    default:
      return `${label}填写有误（${code}）`;
  }
}

export type FormProblems = {
  /** A message per field the form shows. */
  fields: Partial<Record<string, string>>;
  /** Everything else, for the top of the form. */
  general: string[];
};

/**
 * Sorts a refused request: a 422's field errors go to the fields in `labels` (the form's fields, by
 * the API's names), the rest to the top of the form. `special` maps a field error first, for rules a
 * generic sentence would say badly.
 */
export function formProblemsFrom(
  error: Error,
  labels: Readonly<Record<string, string>>,
  special?: (field: string, code: string) => string | undefined,
): FormProblems {
  const result: FormProblems = { fields: {}, general: [] };
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') {
    result.general.push(problemMessage(error));
    return result;
  }
  for (const { field, code } of error.fieldErrors) {
    const label = labels[field];
    if (label === undefined) {
      // Not a field the form shows: the request itself was off. Said plainly, for a report.
      result.general.push(`提交的数据有误（${field || 'body'}：${code}），请刷新页面后重试。`);
      continue;
    }
    const message = special?.(field, code) ?? fieldErrorMessage(label, code);
    if (result.fields[field] === undefined) {
      result.fields[field] = message;
    }
  }
  if (error.fieldErrors.length === 0) {
    result.general.push('提交的内容有误，请检查后重试。');
  }
  return result;
}
