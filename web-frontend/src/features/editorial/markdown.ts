// Small edits of an article's Markdown made by the editor's controls (an uploaded image put in the body).

/** `![说明](地址)`, with the characters that would end the description early escaped and lines joined. */
export function imageMarkdown(alt: string, url: string): string {
  const description = alt.replace(/\s+/g, ' ').trim().replace(/[\\[\]]/g, '\\$&');
  return `![${description}](${url})`;
}

/**
 * `body` with `block` put in at `at` (a character offset) as a paragraph of its own: blank lines are
 * added before and after where the text around has none. `caret` is where the inserted block ends.
 */
export function insertBlock(body: string, at: number, block: string): { text: string; caret: number } {
  const position = Math.max(0, Math.min(at, body.length));
  const before = body.slice(0, position);
  const after = body.slice(position);
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after === '' || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const head = `${before}${lead}${block}`;
  return { text: `${head}${trail}${after}`, caret: head.length };
}
