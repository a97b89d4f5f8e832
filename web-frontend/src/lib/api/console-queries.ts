import type { QueryClient } from '@tanstack/react-query';

/**
 * The first part of every query key of the admin console. Console lists are not what readers see,
 * so an editorial write refreshes everything else (the reader's pages) and leaves the console's own
 * queries to the mutation that knows which of them changed.
 */
export const CONSOLE_KEY = 'console';

/**
 * After a write by an editor: the home page, category lists, articles and comments in this tab may
 * show the old state (the home page is kept a minute), so they are read again when next shown.
 */
export function refreshReaderPages(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== CONSOLE_KEY });
}
