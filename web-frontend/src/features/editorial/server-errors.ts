// What the API said about a save of an article, in Chinese.
import { ApiError } from '@/lib/api/client';
import { formProblemsFrom, problemMessage, type FormProblems } from '@/lib/api/problem-messages';
import { ARTICLE_LABELS } from './fields';

export type EditorProblems = FormProblems & {
  /** Someone else saved the article since it was loaded here: nothing was changed. */
  conflict: boolean;
};

export const CONFLICT_MESSAGE = '其他人已先保存了修改，您的修改尚未保存。';

function articleField(field: string, code: string): string | undefined {
  if (field === 'cover_url' && (code === 'format' || code === 'invalid')) {
    return '请填写以 http:// 或 https:// 开头的地址，或上传图片后得到的 /media/… 路径';
  }
  if (field === 'published_at' && code === 'in_past') {
    return '定时发布的时间必须晚于现在';
  }
  return undefined;
}

export function editorProblemsFrom(error: Error): EditorProblems {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'edit_conflict':
        return { fields: {}, general: [], conflict: true };
      case 'invalid_status_transition':
        return { fields: {}, general: ['文章当前的状态不允许这样操作，请重新载入后再试。'], conflict: false };
      case 'if_match_required':
        return { fields: {}, general: ['保存请求缺少版本信息，请刷新页面后重试。'], conflict: false };
      case 'payload_too_large':
        return { fields: {}, general: ['文章太长，超过了 1 MB 的上限。'], conflict: false };
      case 'not_found':
        return { fields: {}, general: ['这篇文章（或要恢复的版本）已不存在。'], conflict: false };
    }
    // A stale If-Match that names no version at all is a 412 of another code: the same advice.
    if (error.status === 412) {
      return { fields: {}, general: [], conflict: true };
    }
  }
  return { ...formProblemsFrom(error, ARTICLE_LABELS, articleField), conflict: false };
}

export const UNSUPPORTED_IMAGE_MESSAGE = '只能上传 PNG、JPEG、WebP 或 GIF 图片';
export const IMAGE_TOO_LARGE_MESSAGE = '图片不能超过 5 MB';

/** Why an image upload was refused, in one sentence. */
export function uploadProblemMessage(error: Error): string {
  if (error instanceof ApiError) {
    // 415: the bytes are no PNG, JPEG, WebP or GIF (`unsupported_image`), or the request was not multipart.
    if (error.status === 415) return UNSUPPORTED_IMAGE_MESSAGE;
    if (error.status === 413) return IMAGE_TOO_LARGE_MESSAGE;
    if (error.code === 'validation_failed') {
      const codes = error.fieldErrors.map((each) => each.code);
      if (codes.includes('empty')) return '所选的文件是空的，请选择一张图片。';
      if (codes.includes('file_name')) return '文件名不能包含路径或控制字符，也不能太长，请改名后再上传。';
    }
    if (error.status === 400) return '图片未能读取，请重新选择后再试。';
  }
  return problemMessage(error);
}
