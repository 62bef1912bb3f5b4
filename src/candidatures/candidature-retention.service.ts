import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_CONTEXT } from '../auth/auth.types';
import { JobName, QueueName } from '../queues/queue.constants';
import { QueueOf, upsertScheduler } from '../queues/queue.types';
import type { Engagement, Intention } from './candidatures.types';

export const RETENTION_SCHEDULER = 'candidature-retention';

export type RetentionRun = { erased: number; attachmentsRemoved: number };

type Due = {
  id: string;
  dossier_number: string;
  status: string;
  decided_at: Date;
  retention_years: number;
  intention: Intention;
  engagement: Engagement | null;
};

/** The letter of intention without its free texts: only the Zero Waste label stays (a statistic). */
function anonymousIntention(i: Intention): Intention {
  return { specifics: '', values: '', stakes: '', zeroWasteCommune: i.zeroWasteCommune };
}

/** The letter of engagement without what could name or describe a person: policies, level and actor types stay. */
function anonymousEngagement(e: Engagement): Engagement {
  return {
    hybridPolicies: e.hybridPolicies,
    articulation: '',
    description: '',
    contribution: '',
    actors: e.actors.map((a, i) => ({ name: `Acteur ${i + 1}`, type: a.type })),
    contributions: '',
    existingLinks: '',
    citizenInvolvement: e.citizenInvolvement,
    involvementPoints: '',
    district: '',
    place: '',
    coordinator: '',
    communeCommitment: '',
    needs: '',
    risks: '',
    mitigations: '',
    resources: '',
  };
}

/**
 * The retention rule of the personal-data notice: a candidature not selected (or withdrawn) keeps its personal data
 * (contact, letters' texts, actors' names, attachments, private link) for the call's retention period after its
 * decision, then this job erases them. What stays is anonymous: communes, inhabitants, dates, status, scores.
 */
@Injectable()
export class CandidatureRetentionService {
  private readonly logger = new Logger(CandidatureRetentionService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    @InjectQueue(QueueName.Candidatures) private readonly queue: QueueOf<'candidatures'>,
  ) {}

  /** Every day at 04:00 Paris time; every worker upserts the same scheduler id, so there is one schedule. */
  async schedule(): Promise<void> {
    await upsertScheduler(
      this.queue,
      RETENTION_SCHEDULER,
      { pattern: '0 4 * * *', tz: 'Europe/Paris' },
      { name: JobName.CandidatureRetention, data: {} },
    );
  }

  /** Idempotent: an erased candidature is stamped and never taken again. One transaction per candidature. */
  async run(now = new Date()): Promise<RetentionRun> {
    const due: Due[] = await this.db.query(
      `SELECT k.id, k.dossier_number, k.status, k.decided_at, c.retention_years, k.intention, k.engagement
         FROM candidatures k JOIN calls c ON c.id = k.call_id
        WHERE k.status IN ('not_selected', 'withdrawn') AND k.personal_data_erased_at IS NULL
          AND k.decided_at < $1::timestamptz - make_interval(years => c.retention_years)
        ORDER BY k.decided_at, k.id`,
      [now],
    );
    let attachmentsRemoved = 0;
    let erased = 0;
    for (const d of due) {
      const removed = await this.db.transaction(async (m) => {
        // Taken again under lock: a run in another process may have erased it meanwhile.
        const still: unknown[] = await m.query(
          `SELECT 1 FROM candidatures WHERE id = $1 AND personal_data_erased_at IS NULL FOR UPDATE SKIP LOCKED`,
          [d.id],
        );
        if (still.length === 0) return null;
        const files: unknown[] = await m.query(
          `WITH gone AS (DELETE FROM candidature_attachments WHERE candidature_id = $1 RETURNING id) SELECT id FROM gone`,
          [d.id],
        );
        await m.query(
          `UPDATE candidatures SET contact_name = NULL, contact_email = NULL, edit_token_hash = NULL, intention = $2,
             engagement = $3, personal_data_erased_at = $4, updated_at = now() WHERE id = $1`,
          [
            d.id,
            JSON.stringify(anonymousIntention(d.intention)),
            d.engagement ? JSON.stringify(anonymousEngagement(d.engagement)) : null,
            now,
          ],
        );
        await this.audit.record(m, SYSTEM_CONTEXT, {
          action: 'candidature.personal_data_erase',
          entity: 'candidature',
          entityId: d.id,
          after: {
            dossierNumber: d.dossier_number,
            status: d.status,
            decidedAt: new Date(d.decided_at).toISOString(),
            retentionYears: d.retention_years,
            attachmentsRemoved: files.length,
          },
        });
        return files.length;
      });
      if (removed === null) continue;
      erased++;
      attachmentsRemoved += removed;
    }
    this.logger.log(`retention: ${erased} candidature(s) erased, ${attachmentsRemoved} attachment(s) removed`);
    return { erased, attachmentsRemoved };
  }
}
