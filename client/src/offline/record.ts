import { ApiError, type Activity, type CreateActivity } from '../pages/pilots/pilotsApi';
import { putQueued, type QueuedActivity } from './queue';
import { sendQueued, settle } from './send';

export type Recorded = { kind: 'sent'; activity: Activity } | { kind: 'queued' };

/**
 * Records a new activity from the form: sent at once when the browser is online, kept in the offline queue
 * (with its own Idempotency-Key) when it is not or when the request gets no answer. A refusal while online is
 * thrown as an ApiError for the form to show under its fields, as before the offline log. `replaces` is the
 * queued item being fixed: it gives way to this one.
 */
export async function recordActivity(input: {
  pilotId: string;
  userId: string;
  body: CreateActivity;
  photo: Blob | null;
  replaces?: QueuedActivity;
}): Promise<Recorded> {
  const item: QueuedActivity = {
    id: input.replaces?.id ?? crypto.randomUUID(),
    pilotId: input.pilotId,
    userId: input.userId,
    key: crypto.randomUUID(),
    body: input.body,
    photo: input.photo ?? input.replaces?.photo ?? null,
    activityId: null,
    status: 'pending',
    problem: null,
    createdAt: input.replaces?.createdAt ?? new Date().toISOString(),
  };
  if (!navigator.onLine) {
    await putQueued(item);
    return { kind: 'queued' };
  }
  const outcome = await sendQueued(item);
  if (outcome.kind === 'refused' && !outcome.activityId) throw new ApiError(outcome.status, outcome.body);
  if (outcome.kind === 'sent') {
    if (input.replaces) await settle(item, outcome);
    return { kind: 'sent', activity: outcome.activity };
  }
  // Logged but its photo could not follow, or not logged at all: the queue sends the rest later.
  await settle(item, outcome);
  return { kind: 'queued' };
}
