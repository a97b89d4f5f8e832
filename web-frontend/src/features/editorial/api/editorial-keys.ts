import { CONSOLE_KEY } from '@/lib/api/console-queries';

/** The query keys of the articles console, under the console's prefix so reader refreshes skip them. */
export const editorialKeys = {
  all: [CONSOLE_KEY, 'articles'] as const,
  lists: () => [CONSOLE_KEY, 'articles', 'list'] as const,
  article: (id: number) => [CONSOLE_KEY, 'articles', 'one', id] as const,
  revisions: (id: number) => [CONSOLE_KEY, 'articles', 'revisions', id] as const,
  preview: (markdown: string) => [CONSOLE_KEY, 'articles', 'preview', markdown] as const,
};
