import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { formMessages } from '../i18n/formMessages';

/** The signed-in app's leave guard: react-router's blocker, confirmed in French. */
export function useRouterLeaveGuard(dirty: boolean): void {
  const dirtyNow = useRef(dirty);
  dirtyNow.current = dirty;
  // A search-only change (filters, tabs' query string) keeps the form on screen: only a change of page asks.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    // A form reset just before navigating (after a save) is clean by the time the blocked state renders.
    if (!dirtyNow.current) {
      blocker.proceed();
      return;
    }
    if (window.confirm(formMessages.leaveConfirm)) blocker.proceed();
    else blocker.reset();
  }, [blocker]);
}
