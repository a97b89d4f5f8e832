// What the API said about a comment that did not go through, in Chinese: messages for the text box
// and the captcha, and the rest for the top of the form.
import { ApiError } from '@/lib/api/client';
import { loginFailureMessage } from '@/lib/auth/login';
import { formatWait } from '@/utils/format';
import { LoginFailedError, MayNotCommentError } from './api/create-comment';
import { CONTENT_MAX } from './content';

export type CommentField = 'content' | 'captcha_answer';

export type CommentErrors = {
  fields: Partial<Record<CommentField, string>>;
  general: string[];
  /** The server says comments are closed on this article. */
  closed: boolean;
};

export const MEMBER_PENDING_MESSAGE = '企业会员审核通过后才能评论。';
export const MEMBER_NOT_APPROVED_MESSAGE = '您的会员账户目前不能发表评论，如有疑问请联系网站管理员。';

function contentMessage(code: string): string {
  switch (code) {
    case 'blank':
      return '请填写评论内容';
    case 'too_long':
      return `评论不能超过 ${CONTENT_MAX} 个字`;
    case 'characters':
      return '评论内容不能包含控制字符';
    default:
      return '评论内容不符合要求，请修改后重试';
  }
}

/** Sorts what went wrong with posting or editing a comment. */
export function commentErrorsFrom(error: Error): CommentErrors {
  const result: CommentErrors = { fields: {}, general: [], closed: false };
  if (error instanceof LoginFailedError) {
    result.general.push(loginFailureMessage(error.loginError));
    return result;
  }
  if (error instanceof MayNotCommentError) {
    result.general.push(MEMBER_PENDING_MESSAGE);
    return result;
  }
  if (!(error instanceof ApiError)) {
    result.general.push('网络请求未完成，请检查网络连接后重试。');
    return result;
  }
  switch (error.code) {
    case 'validation_failed':
      for (const { field, code } of error.fieldErrors) {
        if (field === 'content') {
          result.fields.content ??= contentMessage(code);
        } else {
          // Not something the reader typed: the request itself was off. Said plainly, for a report.
          result.general.push(`提交的数据有误（${field || 'body'}：${code}），请刷新页面后重试。`);
        }
      }
      if (error.fieldErrors.length === 0) {
        result.general.push('提交的内容有误，请检查后重试。');
      }
      return result;
    case 'captcha_invalid':
      result.fields.captcha_answer = '验证码错误或已过期，请输入新图片中的数字';
      return result;
    case 'duplicate_comment':
      result.fields.content = '您已在本文发表过相同内容的评论';
      return result;
    case 'comments_closed':
      result.general.push('评论已关闭');
      result.closed = true;
      return result;
    case 'member_pending':
      result.general.push(MEMBER_PENDING_MESSAGE);
      return result;
    case 'member_not_approved':
      result.general.push(MEMBER_NOT_APPROVED_MESSAGE);
      return result;
    case 'edit_window_closed':
      result.general.push('评论发表超过 15 分钟后不能再修改。');
      return result;
    case 'rate_limited':
      result.general.push(
        error.retryAfter !== undefined
          ? `发表评论过于频繁，请在 ${formatWait(error.retryAfter)}后再试。`
          : '发表评论过于频繁，请稍后再试。',
      );
      return result;
    case 'unauthenticated':
      result.general.push('登录已失效，请重新登录后再试。');
      return result;
    case 'not_found':
      result.general.push('文章或评论已不存在，请刷新页面。');
      return result;
  }
  if (error.status >= 500) {
    result.general.push(`服务器暂时不可用，请稍后重试（HTTP ${error.status}）。`);
  } else {
    result.general.push(`提交未成功（HTTP ${error.status}${error.code ? `，${error.code}` : ''}），请稍后重试。`);
  }
  return result;
}
