/** The query keys of the comments feature, so every request and mutation agrees on them. */
export const commentKeys = {
  all: ['comments'] as const,
  /** Every page of an article's approved comments. */
  article: (articleId: number) => ['comments', 'article', articleId] as const,
  page: (articleId: number, page: number) => ['comments', 'article', articleId, page] as const,
  /** Per member, so nothing of one member's is taken for the next who signs in here. */
  mine: (memberId: number) => ['comments', 'mine', memberId] as const,
};
