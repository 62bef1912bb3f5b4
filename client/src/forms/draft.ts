import type { UseFormReturnType } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';

/** A draft as kept in localStorage: the form's values and when they were typed. */
type StoredDraft<V> = { savedAt: string; values: V };

const PREFIX = 'projet-k:draft:';

/** The storage key of one form about one entity for one person (`anonymous` on the public pages). */
export function draftKey(user: string, form: string, entity: string): string {
  return `${PREFIX}${user}:${form}:${entity}`;
}

function read<V>(key: string): StoredDraft<V> | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredDraft<V>;
    return parsed && typeof parsed === 'object' && parsed.values && typeof parsed.savedAt === 'string' ? parsed : null;
  } catch {
    // A full or disabled storage, or a draft from an older form: there is simply no draft.
    return null;
  }
}

export type Draft = {
  /** When the restored draft had been typed (ISO), or null when the form opened without one. */
  restoredAt: string | null;
  /** Forgets the draft and puts the form back to what it held before the draft was restored. */
  discard: () => void;
  /** Forgets the draft (call after a successful submit). */
  clear: () => void;
};

/**
 * Local autosave of a long form: the values are kept in this browser (keyed per user + form + entity) while the
 * form is dirty, restored when the form opens again (after a reload or a crash), and cleared after a successful
 * submit. Nothing leaves the device.
 */
export function useDraft<V extends Record<string, unknown>>(form: UseFormReturnType<V>, key: string | null): Draft {
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const baseline = useRef<V | null>(null);
  const restoredKey = useRef<string | null>(null);

  // Restore once per key, when the form is ready (its initial values may arrive from the server first).
  useEffect(() => {
    if (!key || restoredKey.current === key) return;
    restoredKey.current = key;
    const draft = read<V>(key);
    if (!draft) return;
    baseline.current = form.getValues();
    form.setValues({ ...form.getValues(), ...draft.values });
    setRestoredAt(draft.savedAt);
    // Only on a new key: the form object is stable across renders.
  }, [key]);

  const values = form.getValues();
  const dirty = form.isDirty();
  useEffect(() => {
    if (!key || restoredKey.current !== key) return;
    const timer = window.setTimeout(() => {
      try {
        if (dirty) window.localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), values }));
      } catch {
        // Storage full or disabled: the form still works, only without a safety copy.
      }
    }, 400);
    return () => window.clearTimeout(timer);
  }, [key, values, dirty]);

  const clear = () => {
    if (key) window.localStorage.removeItem(key);
    setRestoredAt(null);
  };
  return {
    restoredAt,
    clear,
    discard: () => {
      clear();
      if (baseline.current) form.setValues(baseline.current);
      form.resetDirty(baseline.current ?? undefined);
    },
  };
}
