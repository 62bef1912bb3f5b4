import { createContext, useContext, useEffect } from 'react';

/**
 * How the current app holds the user back from leaving a dirty form by an in-app link. The signed-in app provides
 * react-router's blocker (`useRouterLeaveGuard`); the public candidature app has no client-side navigation (its
 * links load pages), so it keeps the default, which does nothing, and stays out of the router's bundle.
 */
export type LeaveGuard = (dirty: boolean) => void;

const noGuard: LeaveGuard = () => undefined;

export const LeaveGuardContext = createContext<LeaveGuard>(noGuard);

/**
 * Asks for confirmation before leaving while `dirty`: an in-app navigation (the app's guard, in French) and a
 * reload or tab close (the browser's own prompt, which the page cannot word). One hook for every form.
 */
export function useUnsavedChangesWarning(dirty: boolean): void {
  // The guard is fixed for the app's lifetime, so the hook order never changes.
  const useGuard = useContext(LeaveGuardContext);
  useGuard(dirty);
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
