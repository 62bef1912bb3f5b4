import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CreateActivity } from '../pages/pilots/pilotsApi';

/**
 * The offline activity log's queue, in IndexedDB: each activity recorded without a network waits here, with the
 * Idempotency-Key it is sent with (so sending it twice never logs it twice) and its photo, already resized.
 */
export type QueuedActivity = {
  /** Local id of the queued item. */
  id: string;
  pilotId: string;
  /** Only the person who recorded it sends it (another account signed in on the same phone does not see it). */
  userId: string;
  /** The Idempotency-Key of the POST; a new one when the coordinator edits the item. */
  key: string;
  body: CreateActivity;
  /** A JPEG resized on the device (longest side ≤ 1600 px), or null. */
  photo: Blob | null;
  /** Set once the server logged the activity, while its photo still waits. */
  activityId: string | null;
  /** `conflict`: the server refused it; `problem` holds its French message until the coordinator fixes or discards it. */
  status: 'pending' | 'conflict';
  problem: string | null;
  createdAt: string;
};

type OfflineDb = DBSchema & {
  activities: { key: string; value: QueuedActivity; indexes: { byUser: string } };
};

export const OFFLINE_DB = 'projet-k-hors-ligne';

let opened: Promise<IDBPDatabase<OfflineDb>> | null = null;

function db(): Promise<IDBPDatabase<OfflineDb>> {
  opened ??= openDB<OfflineDb>(OFFLINE_DB, 1, {
    upgrade(database) {
      const store = database.createObjectStore('activities', { keyPath: 'id' });
      store.createIndex('byUser', 'userId');
    },
  });
  return opened;
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Called after every change of the queue (the pages showing it refresh). */
export function onQueueChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  listeners.forEach((l) => l());
}

/** The user's queued activities, oldest first (optionally of one pilot). */
export async function queuedActivities(userId: string, pilotId?: string): Promise<QueuedActivity[]> {
  const all = await (await db()).getAllFromIndex('activities', 'byUser', userId);
  return all.filter((a) => !pilotId || a.pilotId === pilotId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function queuedActivity(id: string): Promise<QueuedActivity | undefined> {
  return (await db()).get('activities', id);
}

export async function putQueued(item: QueuedActivity): Promise<void> {
  await (await db()).put('activities', item);
  changed();
}

export async function removeQueued(id: string): Promise<void> {
  await (await db()).delete('activities', id);
  changed();
}
