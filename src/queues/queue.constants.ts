import type { DefaultJobOptions } from 'bullmq';

/** Every queue and job name of the platform, in one place. */
export const QueueName = {
  System: 'system',
  Reports: 'reports',
  Reminders: 'reminders',
  Candidatures: 'candidatures',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  Probe: 'probe',
  GenerateReport: 'generate-report',
  /** Daily: queues the automatic draft report of each project year that has ended. */
  ReportDrafts: 'report-drafts',
  /** Once, at the first start of a split deployment: the demo's reports, produced and issued by a worker. */
  DemoReports: 'demo-reports',
  DailyReminders: 'daily-reminders',
  /** Daily: purges idempotency keys older than 30 days and idle throttling counters. */
  DailyHousekeeping: 'daily-housekeeping',
  /** Daily: erases the personal data of non-selected candidatures past their call's retention period. */
  CandidatureRetention: 'candidature-retention',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  // Finished jobs are kept a while for inspection, then pruned; results that matter live in our own tables.
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
