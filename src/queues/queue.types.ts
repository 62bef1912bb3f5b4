import type { Job, JobsOptions, Queue, RepeatOptions } from 'bullmq';
import { JobName, QueueName } from './queue.constants';

/** The payload of every job, by job name: the one type its producer sends and its processor reads. */
export type JobData = {
  [JobName.Probe]: { requestedAt: string };
  [JobName.GenerateReport]: { reportId: string };
  [JobName.ReportDrafts]: Record<string, never>;
  /** The demo's lead (who issues the reports) and its two pilots. */
  [JobName.DemoReports]: {
    lead: { id: string; email: string; name: string };
    pilotId: string | null;
    bilanPilotId: string | null;
  };
  /** `date` (YYYY-MM-DD) replays a given day; absent or null is today in Paris. */
  [JobName.DailyReminders]: { date?: string | null };
  [JobName.DailyHousekeeping]: Record<string, never>;
  [JobName.CandidatureRetention]: Record<string, never>;
};

/** The jobs each queue carries. */
export type QueueJobs = {
  [QueueName.System]: typeof JobName.Probe | typeof JobName.DailyHousekeeping;
  [QueueName.Reports]: typeof JobName.GenerateReport | typeof JobName.ReportDrafts | typeof JobName.DemoReports;
  [QueueName.Reminders]: typeof JobName.DailyReminders;
  [QueueName.Candidatures]: typeof JobName.CandidatureRetention;
};

/**
 * A queue as its producers inject it (`@InjectQueue(QueueName.Reports) queue: QueueOf<'reports'>`); the marker
 * keeps one queue from being passed where another is expected. Jobs are added through `addJob` and
 * `upsertScheduler`, which tie each job name to its payload type.
 */
export type QueueOf<Q extends QueueName> = Queue & { readonly jobsOf?: Q };

/** A job as the queue's processor receives it: a union discriminated by `job.name`, so each case has its data. */
export type QueueJob<Q extends QueueName> = { [N in QueueJobs[Q]]: Job<JobData[N], unknown, N> }[QueueJobs[Q]];

/** Adds a job whose name belongs to the queue and whose data has that job's type. */
export function addJob<Q extends QueueName, N extends QueueJobs[Q]>(
  queue: QueueOf<Q>,
  name: N,
  data: JobData[N],
  opts?: JobsOptions,
): Promise<Job<JobData[N], unknown, N>> {
  return queue.add(name, data, opts) as unknown as Promise<Job<JobData[N], unknown, N>>;
}

/** Creates or updates a repeating job scheduler (one per id, however many workers upsert it). */
export async function upsertScheduler<Q extends QueueName, N extends QueueJobs[Q]>(
  queue: QueueOf<Q>,
  schedulerId: string,
  repeat: Omit<RepeatOptions, 'key'>,
  template: { name: N; data: JobData[N]; opts?: Omit<JobsOptions, 'jobId' | 'repeat' | 'delay'> },
): Promise<void> {
  await queue.upsertJobScheduler(schedulerId, repeat, template);
}
