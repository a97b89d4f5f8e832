/**
 * The API's rule for a comment's text, checked before sending so the form can say in Chinese what is
 * wrong (the server checks again): 1 to 2,000 characters after trimming, counted as the server counts
 * them (code points), and no control characters but line breaks and tabs.
 */
export const CONTENT_MAX = 2_000;

export function checkContent(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '') {
    return '请填写评论内容';
  }
  const count = [...text].length;
  if (count > CONTENT_MAX) {
    return `评论不能超过 ${CONTENT_MAX} 个字（现为 ${count} 个字）`;
  }
  if (/[\p{Cc}]/u.test(text.replace(/[\n\r\t]/g, ''))) {
    return '评论内容不能包含控制字符';
  }
  return undefined;
}

/** How many characters are left, for the counter under the text box. */
export function charactersLeft(raw: string): number {
  return CONTENT_MAX - [...raw.trim()].length;
}
