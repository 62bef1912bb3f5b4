import { api } from '../api/client';
import { problemFieldErrors, problemMessage } from '../api/problem';
import type { Activity } from '../pages/pilots/pilotsApi';
import { putQueued, queuedActivities, removeQueued, type QueuedActivity } from './queue';

/**
 * What became of one send: `sent`; `offline` (no network, or the server is away: try again later); `unauthorized`
 * (the session ended: kept for after the next sign-in); `refused` (a 4xx: the French message of the refusal).
 */
export type SendOutcome =
  | { kind: 'sent'; activity: Activity }
  | { kind: 'offline'; activityId: string | null }
  | { kind: 'unauthorized'; activityId: string | null }
  | { kind: 'refused'; status: number; message: string; body: unknown; activityId: string | null };

/** The French message of a refusal: the catalogue's text, then the fields' own messages. */
export function refusalMessage(body: unknown): string {
  const fields = Object.values(problemFieldErrors(body));
  const main = problemMessage(body);
  return [main, ...fields.filter((f) => f !== main)].join(' ');
}

async function json(response: Response): Promise<unknown> {
  try {
    return await response.clone().json();
  } catch {
    return null;
  }
}

function failure(status: number, body: unknown, activityId: string | null): SendOutcome {
  if (status === 401) return { kind: 'unauthorized', activityId };
  // 408, 429 and 5xx: the server could not answer now; the same request with the same key will do later.
  if (status === 408 || status === 429 || status >= 500) return { kind: 'offline', activityId };
  return { kind: 'refused', status, message: refusalMessage(body), body, activityId };
}

const PHOTO_NAME = 'photo.jpg';

/** Whether the activity already has a photo (a retry after the upload went through but its answer was lost). */
async function hasPhoto(pilotId: string, activityId: string): Promise<boolean> {
  const r = await api.GET('/api/pilots/{id}/activities/{activityId}', {
    params: { path: { id: pilotId, activityId } },
  });
  const photos = (r.data as { photos?: unknown[] } | undefined)?.photos;
  return Array.isArray(photos) && photos.length > 0;
}

/**
 * Sends one queued activity: the POST with its Idempotency-Key (a retry gets the first activity back, never a
 * second one), then its photo. Never throws for the network: the outcome says what to do with the item.
 */
export async function sendQueued(item: QueuedActivity): Promise<SendOutcome> {
  let activityId = item.activityId;
  let activity: Activity | null = null;
  try {
    if (!activityId) {
      const r = await api.POST('/api/pilots/{id}/activities', {
        params: { path: { id: item.pilotId } },
        headers: { 'Idempotency-Key': item.key },
        body: item.body,
      });
      if (!r.data) return failure(r.response.status, r.error as unknown, null);
      activity = r.data;
      activityId = r.data.id;
      // A replay: an earlier attempt logged it, and may have sent the photo too.
      if (item.photo && r.response.headers.get('idempotent-replayed') === 'true') {
        if (await hasPhoto(item.pilotId, activityId)) return { kind: 'sent', activity };
      }
    }
    if (item.photo) {
      const form = new FormData();
      form.append('file', item.photo, PHOTO_NAME);
      const response = await fetch(`/api/pilots/${item.pilotId}/activities/${activityId}/photos`, {
        method: 'POST',
        body: form,
        credentials: 'include',
        headers: { 'X-Requested-With': 'projet-k' },
      });
      if (!response.ok) return failure(response.status, await json(response), activityId);
    }
    if (!activity) {
      const r = await api.GET('/api/pilots/{id}/activities/{activityId}', {
        params: { path: { id: item.pilotId, activityId } },
      });
      if (!r.data) return failure(r.response.status, r.error, activityId);
      activity = r.data;
    }
    return { kind: 'sent', activity };
  } catch {
    // fetch rejects only when no answer came: no network, or the connection dropped.
    return { kind: 'offline', activityId };
  }
}

/** Applies an outcome to the stored item: gone once sent, the refusal kept on it, the created activity noted. */
export async function settle(item: QueuedActivity, outcome: SendOutcome): Promise<void> {
  if (outcome.kind === 'sent') return removeQueued(item.id);
  const next: QueuedActivity = { ...item, activityId: outcome.activityId ?? item.activityId };
  if (outcome.kind === 'refused') {
    next.status = 'conflict';
    next.problem = outcome.message;
  }
  await putQueued(next);
}

export type FlushResult = { sent: number; refused: number; waiting: number; unauthorized: boolean };

let running: Promise<FlushResult> | null = null;

/**
 * Sends the user's queued activities, oldest first, one at a time. Stops at the first network failure (the
 * rest waits for the network) or 401 (the rest waits for the next sign-in). Refused items stay with their
 * message. One run at a time: a second call while one runs gets the same result.
 */
export function flushQueue(userId: string): Promise<FlushResult> {
  running ??= (async () => {
    const result: FlushResult = { sent: 0, refused: 0, waiting: 0, unauthorized: false };
    const pending = (await queuedActivities(userId)).filter((a) => a.status === 'pending');
    for (const [i, item] of pending.entries()) {
      const outcome = await sendQueued(item);
      await settle(item, outcome);
      if (outcome.kind === 'sent') result.sent += 1;
      else if (outcome.kind === 'refused') result.refused += 1;
      else {
        result.waiting = pending.length - i;
        result.unauthorized = outcome.kind === 'unauthorized';
        break;
      }
    }
    return result;
  })().finally(() => {
    running = null;
  });
  return running;
}
