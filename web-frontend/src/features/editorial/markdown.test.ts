import { describe, expect, it } from 'vitest';
import { imageMarkdown, insertBlock } from './markdown';

describe('an image in Markdown', () => {
  it('keeps brackets and line breaks of its description from ending it early', () => {
    expect(imageMarkdown('会场 [全景]\n左起', '/media/ab.png')).toBe('![会场 \\[全景\\] 左起](/media/ab.png)');
    expect(imageMarkdown('', '/media/ab.png')).toBe('![](/media/ab.png)');
  });
});

describe('inserting a block into the body', () => {
  it('makes it a paragraph of its own wherever the caret is', () => {
    expect(insertBlock('', 0, 'B')).toEqual({ text: 'B', caret: 1 });
    expect(insertBlock('第一段', 3, 'B')).toEqual({ text: '第一段\n\nB', caret: 6 });
    expect(insertBlock('第一段\n\n第二段', 5, 'B')).toEqual({ text: '第一段\n\nB\n\n第二段', caret: 6 });
    expect(insertBlock('前半后半', 2, 'B')).toEqual({ text: '前半\n\nB\n\n后半', caret: 5 });
    expect(insertBlock('第一段\n', 4, 'B')).toEqual({ text: '第一段\n\nB', caret: 6 });
  });

  it('puts it at the end when the caret is past it', () => {
    expect(insertBlock('正文', 99, 'B').text).toBe('正文\n\nB');
  });
});
