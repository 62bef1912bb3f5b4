import { CommonErrorCode, CommonException } from '../common/errors/app.exception';

/**
 * How long a request waits on the queue before answering 503: Redis away must not hang the request. A healthy
 * queue answers in milliseconds; 1.5 s leaves room for the 503 to reach the client within 2 s.
 */
export const QUEUE_CALL_TIMEOUT_MS = 1_500;

/**
 * A queue operation made on behalf of an HTTP request, bounded in time: when Redis (or the queue's
 * database) does not answer within QUEUE_CALL_TIMEOUT_MS, or fails, the caller gets 503
 * `queue_unavailable` with Retry-After instead of waiting for the outage to end.
 */
export async function queueCall<T>(operation: Promise<T>, ms = QUEUE_CALL_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([operation, timeout]);
  } catch (e) {
    // The operation may still settle later (ioredis replays its offline queue); nobody waits for it.
    operation.catch(() => undefined);
    throw new CommonException(
      CommonErrorCode.QueueUnavailable,
      `The queue is unavailable: ${e instanceof Error ? e.message : String(e)}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
