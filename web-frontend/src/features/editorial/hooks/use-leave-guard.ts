import { useEffect, useRef, type RefObject } from 'react';
import { useBlocker } from 'react-router';

/**
 * While there are unsaved changes, leaving the page asks first: a link within the app is held
 * (`blocker`, whose question gets the focus through `stayButton`), and the browser asks before the
 * tab is closed or reloaded. `leaving` is set just before the editor itself moves on (after the first
 * save, to the trash): no question then.
 */
export function useLeaveGuard(dirty: boolean, leaving: RefObject<boolean>) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useLeaveWarning(dirty);
  const stayButton = useRef<HTMLButtonElement>(null);
  // The question may be far from the link that was clicked: the focus (and the scroll) goes to it.
  useEffect(() => {
    if (blocker.state === 'blocked') stayButton.current?.focus();
  }, [blocker.state]);
  return { blocker, stayButton };
}

/** While there are unsaved changes, the browser asks before the tab is closed or reloaded. */
function useLeaveWarning(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
