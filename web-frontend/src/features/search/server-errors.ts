// The API's refusals of a search, in Chinese. Only the query can be wrong in a way the reader can fix.
import { ApiError } from '@/lib/api/client';
import { MAX_QUERY_LENGTH } from './address';

/**
 * What to tell the reader when the API refused the search itself (a 422 on `q`, a 404 for the
 * category), or undefined for a failure that trying again may mend (the network, a 503).
 */
export function refusalMessage(error: Error): string | undefined {
  if (!(error instanceof ApiError)) {
    return undefined;
  }
  if (error.status === 404) {
    return '所选栏目不存在，可能已被删除或改名。';
  }
  if (error.code !== 'validation_failed') {
    return undefined;
  }
  const fieldError = error.fieldErrors.find((each) => each.field === 'q') ?? error.fieldErrors[0];
  if (fieldError?.field !== 'q') {
    return '搜索条件有误，请重新输入要搜索的文字。';
  }
  switch (fieldError.code) {
    case 'required':
      return '请输入要搜索的文字：至少包含一个汉字、字母或数字，标点和空格不能单独搜索。';
    case 'too_long':
      return `搜索的文字太长，请不要超过 ${MAX_QUERY_LENGTH} 个字。`;
    case 'characters':
      return '搜索的文字中有无法识别的字符，请删除后重试。';
    default:
      return '无法按这些文字搜索，请换个说法再试。';
  }
}
