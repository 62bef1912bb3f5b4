import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_CONTEXT } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { projectYearRange } from '../pilots/pilot-terms';
import { JobName, QueueName } from '../queues/queue.constants';
import { QueueOf, upsertScheduler } from '../queues/queue.types';
import { ReportSnapshotService } from './report-snapshot.service';
import { ReportsService } from './reports.service';

/** The automatic drafts: each ended project year's report, then the programme's final report, proposed once. */
@Injectable()
export class ReportDrafts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.Reports) private readonly queue: QueueOf<'reports'>,
    private readonly reports: ReportsService,
    private readonly snapshots: ReportSnapshotService,
  ) {}

  /**
   * The daily check: every project year that has ended gets one automatic draft (audience ADEME), once — the
   * unique index on automatic drafts decides, whatever the schedule or a concurrent worker does.
   */
  async queueDueDrafts(today: string = todayInFrance()): Promise<number> {
    let queued = 0;
    for (const p of await this.snapshots.pilotsWithTerms()) {
      if (!p.startDate) continue;
      for (let year = 1; year <= p.operatingYears; year++) {
        if (projectYearRange(p.startDate, year).to >= today) break;
        const [exists] = await this.db.query(
          `SELECT 1 FROM reports WHERE pilot_id = $1 AND year = $2 AND origin = 'auto'`,
          [p.id, year],
        );
        if (exists) continue;
        try {
          await this.reports.create(SYSTEM_CONTEXT, {
            kind: 'pilot',
            ownerId: p.id,
            pilotId: p.id,
            callId: null,
            year,
            audience: 'ademe',
            origin: 'auto',
          });
          queued++;
        } catch (e) {
          // Another worker queued the same draft at the same moment: the unique index refused ours.
          if ((e as { code?: string }).code !== '23505') throw e;
        }
      }
      if (projectYearRange(p.startDate, p.operatingYears).to < today && (await this.queueFinalDraft(p.id))) queued++;
    }
    return queued;
  }

  /** The programme's final report, proposed once as a draft (audience ADEME) after the last operating year. */
  private async queueFinalDraft(pilotId: string): Promise<boolean> {
    const [exists] = await this.db.query(
      `SELECT 1 FROM reports WHERE pilot_id = $1 AND kind = 'final' AND origin = 'auto'`,
      [pilotId],
    );
    if (exists) return false;
    try {
      await this.reports.create(SYSTEM_CONTEXT, {
        kind: 'final',
        ownerId: pilotId,
        pilotId,
        callId: null,
        year: null,
        audience: 'ademe',
        origin: 'auto',
      });
      return true;
    } catch (e) {
      if ((e as { code?: string }).code !== '23505') throw e;
      return false;
    }
  }

  /** Repeats the draft check every day at 05:15 (Paris); upserting keeps one scheduler however many workers start. */
  async scheduleDrafts(): Promise<void> {
    await upsertScheduler(
      this.queue,
      'report-drafts',
      { pattern: '15 5 * * *', tz: 'Europe/Paris' },
      { name: JobName.ReportDrafts, data: {}, opts: { attempts: 3 } },
    );
  }
}
