import { useEffect } from 'react';

/** Sets the browser tab's title while the page is shown; an empty title leaves the current one. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    if (title !== '') {
      document.title = title;
    }
  }, [title]);
}
