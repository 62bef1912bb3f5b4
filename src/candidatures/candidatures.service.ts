import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page } from '../common/list-query.dto';
import { CallsService } from './calls.service';
import { CandidaturesErrorCode, CandidaturesException } from './candidatures.exception';
import type { Call, CandidatureStatus, ClockOptions, Commune, Engagement, Intention } from './candidatures.types';
import { AttachmentView, CandidatureView, loadRow, Row, ROW_SELECT, toView, UNDECIDED } from './candidature-rows';
import { isPhaseOpen } from './deadline';

export type { CandidatureView, Target } from './candidature-rows';

export type PublicCandidatureView = {
  id: string;
  dossierNumber: string;
  call: ReturnType<CandidaturesService['publicCall']>;
  status: CandidatureStatus;
  communes: Commune[];
  inhabitants: number;
  intention: Intention;
  engagement: Engagement | null;
  attachments: AttachmentView[];
  /** An e-mail address is on file (the engagement phase needs one). */
  hasContactEmail: boolean;
  intentionOpen: boolean;
  engagementOpen: boolean;
  engagementLastDay: string;
};

/** A candidature received (intention letter) or decided, after its transaction committed. */
export type CandidatureEvent = { type: 'received' | 'decided'; candidatureId: string };
export type CandidatureListener = (event: CandidatureEvent) => Promise<unknown>;

/** An e-mail to a candidate (no account): what the notifications feature sends through the SMTP setting. */
export type CandidateMail = {
  to: string;
  name: string;
  title: string;
  body: string;
  url: string | null;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
};
export type CandidateMailer = (mail: CandidateMail) => Promise<boolean>;

/**
 * Reading candidatures (the lead's and the commune's views), and the hooks other features register: listeners of
 * candidatures received or decided, and the mailer that reaches candidates. The changes are in the use-case
 * services beside this one (intake, engagement, attachments, decision, retention).
 */
@Injectable()
export class CandidaturesService {
  private readonly logger = new Logger(CandidaturesService.name);
  private readonly listeners: CandidatureListener[] = [];
  private mailer: CandidateMailer | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calls: CallsService,
  ) {}

  /**
   * Features that react to a candidature received or decided (notifications) register here; they run after the
   * change has committed, and their failure never undoes it nor reaches the caller.
   */
  onEvent(listener: CandidatureListener): void {
    this.listeners.push(listener);
  }

  async emit(event: CandidatureEvent): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (e) {
        this.logger.warn(`Candidature ${event.type} listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  /** The notifications feature gives the way to e-mail candidates (it owns the SMTP transport). */
  useMailer(mailer: CandidateMailer): void {
    this.mailer = mailer;
  }

  /** E-mails a candidate when a mailer is registered and SMTP configured; never throws. */
  async mailCandidate(mail: CandidateMail): Promise<boolean> {
    if (!this.mailer) return false;
    try {
      return await this.mailer(mail);
    } catch (e) {
      this.logger.warn(`Candidate e-mail failed: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  /** The call as the public form needs it: dates, bounds, webinars, contact — no counts, no rates. */
  publicCall(call: Call) {
    return {
      id: call.id,
      title: call.title,
      waveYear: call.waveYear,
      intentionDeadline: call.intentionDeadline,
      engagementDeadline: call.engagementDeadline,
      intentionOpen: call.intentionOpen,
      engagementOpen: call.engagementOpen,
      minInhabitants: call.minInhabitants,
      maxInhabitants: call.maxInhabitants,
      webinars: call.webinars,
      contact: call.contact,
    };
  }

  async getPublicCall(callId: string, opts: ClockOptions = {}) {
    return this.publicCall(await this.calls.get(callId, this.db.manager, opts));
  }

  async get(id: string, m: EntityManager = this.db.manager): Promise<CandidatureView> {
    return toView(await loadRow(m, { id }));
  }

  /** The candidature with that dossier number (the lead's search), whatever its case. */
  async byDossierNumber(dossierNumber: string): Promise<CandidatureView> {
    const rows: Row[] = await this.db.query(`${ROW_SELECT} WHERE k.dossier_number = upper($1)`, [dossierNumber.trim()]);
    if (!rows[0]) throw new CandidaturesException(CandidaturesErrorCode.CandidatureNotFound, 'Candidature not found');
    return toView(rows[0]);
  }

  async getPublic(
    editToken: string,
    opts: ClockOptions = {},
    m: EntityManager = this.db.manager,
  ): Promise<PublicCandidatureView> {
    const r = await loadRow(m, { editToken });
    const call = await this.calls.get(r.call_id, m, opts);
    const now = opts.now ?? new Date();
    const undecided = UNDECIDED.includes(r.status);
    return {
      id: r.id,
      dossierNumber: r.dossier_number,
      call: this.publicCall(call),
      status: r.status,
      communes: r.communes,
      inhabitants: r.inhabitants,
      intention: r.intention,
      engagement: r.engagement,
      attachments: r.attachments,
      hasContactEmail: Boolean(r.contact_email),
      intentionOpen: undecided && isPhaseOpen(call.intentionDeadline, now, r.intention_reopened_until),
      engagementOpen: undecided && isPhaseOpen(call.engagementDeadline, now, r.engagement_reopened_until),
      engagementLastDay:
        r.engagement_reopened_until && r.engagement_reopened_until > call.engagementDeadline
          ? r.engagement_reopened_until
          : call.engagementDeadline,
    };
  }

  async listForCall(callId: string, query: { limit?: number; cursor?: string }): Promise<Page<CandidatureView>> {
    await this.calls.get(callId);
    const limit = query.limit ?? 50;
    const key = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const rows: Row[] = await this.db.query(
      `${ROW_SELECT} WHERE k.call_id = $1 AND ($2::timestamptz IS NULL OR (k.created_at, k.id) > ($2::timestamptz, $3::uuid))
        ORDER BY k.created_at, k.id LIMIT $4`,
      [callId, key ? String(key[0]) : null, key ? String(key[1]) : null, limit + 1],
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    // The cursor keeps PostgreSQL's microseconds so no row is skipped or repeated.
    const lastKey = last
      ? ((await this.db.query(`SELECT created_at::text AS t FROM candidatures WHERE id = $1`, [last.id]))[0]
          ?.t as string)
      : null;
    return {
      items: page.map((r) => toView(r)),
      nextCursor: more && last ? encodeCursor([lastKey, last.id]) : null,
    };
  }

  /** Every candidature of a call (for exports), in submission order. */
  async allForCall(callId: string): Promise<CandidatureView[]> {
    await this.calls.get(callId);
    const rows: Row[] = await this.db.query(`${ROW_SELECT} WHERE k.call_id = $1 ORDER BY k.created_at, k.id`, [callId]);
    return rows.map((r) => toView(r));
  }
}
