import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { queueCall } from '../queues/queue-call';
import { JobName, QueueName } from '../queues/queue.constants';
import { ReportGenerator } from './report-generator.service';

/**
 * A queued report whose job is absent is lost only once its creation has had time to add the job (the row is
 * committed just before); a running one only once its worker has stopped writing progress (a worker that lost
 * Redis but lives on still finishes and stores the report without the queue).
 */
export const QUEUED_GRACE_SECONDS = 10;
export const RUNNING_IDLE_SECONDS = 300;
/** Bounds one pass: at most this many pending reports are compared with the queue (the next pass takes the rest). */
const MAX_PER_PASS = 500;
/** A health check compares fewer, so that it answers within its own time limit. */
const MAX_PER_HEALTH_CHECK = 100;

export type ReconcileRun = { pending: number; requeued: number; markedFailed: number };
export type ReportQueueHealth = {
  /** Reports queued or running in the database. */
  pending: number;
  /** Of those, the ones the queue has lost and the reconciler has not put back yet; null when the queue is down. */
  missing: number | null;
  /** Reports put back on the queue by the reconciler over the last 24 hours. */
  requeuedLastDay: number;
};

type PendingRow = { id: string; jobId: string; status: 'queued' | 'running'; stale: boolean };

/**
 * The database is the source of truth for reports; the queue only carries the work. This compares the two and puts
 * back on the queue, under the same deterministic job id (so adding twice is a no-op), every report that the
 * database says is queued or running but the queue no longer has — e.g. after Redis restarted without persistence.
 */
@Injectable()
export class ReportReconciler {
  private readonly logger = new Logger('ReportReconciler');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.Reports) private readonly queue: Queue,
    private readonly reports: ReportGenerator,
  ) {}

  private pendingRows(limit = MAX_PER_PASS): Promise<PendingRow[]> {
    return this.db.query(
      `SELECT id, job_id AS "jobId", status,
              CASE WHEN status = 'queued' THEN updated_at < now() - make_interval(secs => $1)
                   ELSE updated_at < now() - make_interval(secs => $2) END AS stale
         FROM reports WHERE status IN ('queued', 'running') AND issued_at IS NULL
        ORDER BY created_at LIMIT $3`,
      [QUEUED_GRACE_SECONDS, RUNNING_IDLE_SECONDS, limit],
    );
  }

  /** Idempotent: a second pass right after the first finds every job in place and adds nothing. */
  async reconcile(): Promise<ReconcileRun> {
    const rows = await this.pendingRows();
    let requeued = 0;
    let markedFailed = 0;
    for (const row of rows) {
      const state = await queueCall(this.queue.getJobState(row.jobId));
      if (state === 'failed') {
        // BullMQ gave up on it but the row was never told (the process died before the failed event was handled).
        const job = await queueCall(this.queue.getJob(row.jobId));
        await this.reports.markFailed(row.id, job?.failedReason || 'The job failed');
        markedFailed++;
        continue;
      }
      if (!row.stale) continue;
      if (state === 'completed') {
        // A finished job for a report still pending: the database was restored from before it ran. Run it again.
        const job = await queueCall(this.queue.getJob(row.jobId));
        await queueCall(job ? job.remove() : Promise.resolve());
      } else if (state !== 'unknown') continue;
      await queueCall(this.queue.add(JobName.GenerateReport, { reportId: row.id }, { jobId: row.jobId }));
      await this.db.query(
        `UPDATE reports SET status = 'queued', requeue_count = requeue_count + 1, requeued_at = now(), updated_at = now()
          WHERE id = $1 AND status IN ('queued', 'running') AND issued_at IS NULL`,
        [row.id],
      );
      requeued++;
    }
    if (requeued > 0 || markedFailed > 0)
      this.logger.warn(
        `${requeued} report(s) absent from the queue put back on it, ${markedFailed} marked failed (of ${rows.length} pending)`,
      );
    return { pending: rows.length, requeued, markedFailed };
  }

  /** For GET /api/health: how many reports are pending, lost by the queue, and recently put back. */
  async health(): Promise<ReportQueueHealth> {
    const [counts]: { pending: number; requeuedLastDay: number }[] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status IN ('queued', 'running') AND issued_at IS NULL)::int AS pending,
              count(*) FILTER (WHERE requeued_at > now() - interval '1 day')::int AS "requeuedLastDay"
         FROM reports`,
    );
    let missing: number | null = 0;
    try {
      for (const row of await this.pendingRows(MAX_PER_HEALTH_CHECK)) {
        // Asked even for fresh rows, so that a queue that does not answer gives null, not a reassuring 0.
        const state = await queueCall(this.queue.getJobState(row.jobId));
        if (row.stale && (state === 'unknown' || state === 'completed' || state === 'failed')) missing++;
      }
    } catch {
      missing = null;
    }
    return { pending: counts.pending, missing, requeuedLastDay: counts.requeuedLastDay };
  }
}
