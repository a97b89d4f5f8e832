import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * After a form was refused, puts the focus on its first invalid field (`aria-invalid="true"`), so a
 * keyboard or screen-reader user lands on what to fix and hears its message. Call the returned
 * function when the errors are set; the focus moves once they are on screen.
 */
export function useFocusFirstInvalid<T extends HTMLElement = HTMLFormElement>() {
  const formRef = useRef<T>(null);
  const [refusals, setRefusals] = useState(0);

  useEffect(() => {
    if (refusals > 0) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }, [refusals]);

  const focusFirstInvalid = useCallback(() => setRefusals((n) => n + 1), []);
  return { formRef, focusFirstInvalid };
}
