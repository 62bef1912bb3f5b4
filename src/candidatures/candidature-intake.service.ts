import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { htmlToPdf } from '../common/html-pdf';
import { reserveInWindow } from '../common/throttle';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AcknowledgementFacts, acknowledgementHtml, acknowledgementMail, recoveryMail } from './acknowledgement';
import { CallsService } from './calls.service';
import { CandidaturesErrorCode, CandidaturesException } from './candidatures.exception';
import { CandidaturesService } from './candidatures.service';
import type { CandidatureStatus, ClockOptions, Commune, Eligibility, Intention } from './candidatures.types';
import {
  communesOf,
  deadlinePassed,
  hashToken,
  lastDay,
  loadRow,
  lockForPhase,
  newEditToken,
  Row,
  Target,
} from './candidature-rows';
import { isPhaseOpen } from './deadline';
import { eligibility } from './scoring';

/** At most this many letters of intention from one address per hour through the public form. */
export const PUBLIC_SUBMISSIONS_PER_HOUR = 10;
/** At most this many « lien perdu ? » requests from one address per hour. */
export const LINK_RECOVERIES_PER_HOUR = 10;

export type IntentionInput = {
  communes: Commune[];
  inhabitants: number;
  intention: Intention;
  contactName?: string;
  contactEmail?: string;
};

export type CreatedCandidature = {
  id: string;
  dossierNumber: string;
  status: CandidatureStatus;
  eligibility: Eligibility;
  editToken: string;
};

/**
 * The candidature's first phase: the letter of intention (with its dossier number and acknowledgement of receipt),
 * its amendments, and a fresh private link when the commune has lost its own.
 */
@Injectable()
export class CandidatureIntakeService {
  private readonly logger = new Logger(CandidatureIntakeService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly calls: CallsService,
    private readonly candidatures: CandidaturesService,
  ) {}

  /** The next dossier number of the year, K-2026-0007: one upsert on the year's counter, locked until commit. */
  private async dossierNumber(m: EntityManager, year: number): Promise<string> {
    const [row]: { last_number: number }[] = await m.query(
      `INSERT INTO candidature_dossier_counters AS d (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = d.last_number + 1 RETURNING last_number`,
      [year],
    );
    return `K-${year}-${String(row.last_number).padStart(4, '0')}`;
  }

  /** The private link's full address, as e-mails carry it (PUBLIC_URL, else the local server). */
  privateLink(editToken: string): string {
    const base = (this.config.publicUrl ?? `http://localhost:${this.config.port}`).replace(/\/+$/, '');
    return `${base}/candidater/suite/${editToken}`;
  }

  /**
   * A letter of intention, through the public form ('online') or entered by the lead from an e-mail ('entered').
   * The private link is returned once; only its SHA-256 is kept. When an e-mail address is given, the
   * acknowledgement of receipt (with its PDF) is sent to it after the commit.
   */
  async submitIntention(
    ctx: RequestContext,
    callId: string,
    input: IntentionInput,
    source: 'online' | 'entered',
    opts: ClockOptions = {},
  ): Promise<CreatedCandidature> {
    const now = opts.now ?? new Date();
    const out = await this.db.transaction(async (m) => {
      const call = await this.calls.get(callId, m, opts);
      if (source === 'online') await this.throttle(m, ctx, 'public-submit', PUBLIC_SUBMISSIONS_PER_HOUR);
      if (!isPhaseOpen(call.intentionDeadline, now)) throw deadlinePassed('intention', call.intentionDeadline);
      const editToken = newEditToken();
      const dossierNumber = await this.dossierNumber(m, call.waveYear);
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO candidatures (call_id, source, communes, inhabitants, contact_name, contact_email, intention, edit_token_hash,
           intention_submitted_at, created_by, dossier_number)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          callId,
          source,
          JSON.stringify(communesOf(input.communes)),
          input.inhabitants,
          input.contactName || null,
          input.contactEmail || null,
          JSON.stringify(input.intention),
          hashToken(editToken),
          now,
          ctx.user?.id ?? null,
          dossierNumber,
        ],
      );
      const elig = eligibility(input.inhabitants, call);
      await this.audit.record(m, ctx, {
        action: source === 'online' ? 'candidature.public_submit' : 'candidature.create',
        entity: 'candidature',
        entityId: row.id,
        after: {
          callId,
          dossierNumber,
          communes: input.communes,
          inhabitants: input.inhabitants,
          source,
          inBounds: elig.inBounds,
        },
      });
      return { id: row.id, dossierNumber, status: 'intention_submitted' as const, eligibility: elig, editToken };
    });
    await this.candidatures.emit({ type: 'received', candidatureId: out.id });
    // Only when e-mails can leave (SMTP configured): the PDF is not printed for nobody.
    if (input.contactEmail && this.config.smtpUrl) void this.sendAcknowledgement(out.id, out.editToken);
    return out;
  }

  /** The facts an acknowledgement shows; the private link only when the caller holds it. */
  async acknowledgementFacts(
    target: Target,
  ): Promise<AcknowledgementFacts & { contactEmail: string | null; contactName: string | null }> {
    const r = await loadRow(this.db.manager, target);
    const call = await this.calls.get(r.call_id);
    return {
      dossierNumber: r.dossier_number,
      callTitle: call.title,
      communes: r.communes.map((c) => c.name),
      inhabitants: r.inhabitants,
      receivedAt: new Date(r.intention_submitted_at).toISOString(),
      intentionDeadline: lastDay(call.intentionDeadline, r.intention_reopened_until),
      engagementDeadline: lastDay(call.engagementDeadline, r.engagement_reopened_until),
      contact: call.contact,
      link: 'editToken' in target ? this.privateLink(target.editToken) : null,
      contactEmail: r.contact_email,
      contactName: r.contact_name,
    };
  }

  /** The acknowledgement of receipt as a PDF (dated the day the letter was received, so a reprint is the same). */
  async acknowledgementPdf(target: Target): Promise<{ pdf: Buffer; filename: string }> {
    const facts = await this.acknowledgementFacts(target);
    const pdf = await htmlToPdf(acknowledgementHtml(facts), {
      chromiumPath: this.config.chromiumPath,
      day: todayInFrance(new Date(facts.receivedAt)),
    });
    return { pdf, filename: `accuse-reception-${facts.dossierNumber}.pdf` };
  }

  /** The acknowledgement e-mail, with its PDF when Chromium can print it; never throws. */
  private async sendAcknowledgement(id: string, editToken: string): Promise<void> {
    try {
      const facts = await this.acknowledgementFacts({ editToken });
      if (!facts.contactEmail) return;
      let attachments: { filename: string; content: Buffer; contentType: string }[] = [];
      try {
        const { pdf, filename } = await this.acknowledgementPdf({ editToken });
        attachments = [{ filename, content: pdf, contentType: 'application/pdf' }];
      } catch (e) {
        this.logger.warn(`Acknowledgement PDF of ${id} not printed: ${e instanceof Error ? e.message : String(e)}`);
      }
      await this.candidatures.mailCandidate({
        to: facts.contactEmail,
        name: facts.contactName ?? 'Madame, Monsieur',
        ...acknowledgementMail(facts),
        url: facts.link,
        attachments,
      });
    } catch (e) {
      this.logger.warn(`Acknowledgement of ${id} not sent: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * Reserves one of the IP's requests for the hour, in the request's transaction: the counter row stays locked
   * until it commits, so parallel posts and several processes count exactly, and a request refused later
   * (validation, deadline) gives its place back by rolling back.
   */
  private async throttle(m: EntityManager, ctx: RequestContext, kind: string, limit: number): Promise<void> {
    if (!ctx.ip) return;
    const r = await reserveInWindow(m, `${kind}:ip:${ctx.ip}`, limit, 3600);
    if (!r.allowed) {
      throw new CandidaturesException(
        CandidaturesErrorCode.TooManySubmissions,
        'Too many submissions from this address in an hour',
        undefined,
        r.retryAfterSeconds,
      );
    }
  }

  /** Amends the letter of intention while its phase is open (or reopened for this candidature). */
  async amendIntention(
    ctx: RequestContext,
    target: Target,
    input: IntentionInput,
    opts: ClockOptions = {},
  ): Promise<{ id: string }> {
    const now = opts.now ?? new Date();
    return this.db.transaction(async (m) => {
      const { r } = await lockForPhase(m, this.calls, target, 'intention', opts);
      await m.query(
        `UPDATE candidatures SET communes = $2, inhabitants = $3, intention = $4, contact_name = COALESCE($5, contact_name),
           contact_email = COALESCE($6, contact_email), intention_submitted_at = $7, updated_at = now() WHERE id = $1`,
        [
          r.id,
          JSON.stringify(communesOf(input.communes)),
          input.inhabitants,
          JSON.stringify(input.intention),
          input.contactName || null,
          input.contactEmail || null,
          now,
        ],
      );
      await this.audit.record(m, ctx, {
        action: 'candidature.intention_amend',
        entity: 'candidature',
        entityId: r.id,
        before: { communes: r.communes, inhabitants: r.inhabitants, intention: r.intention },
        after: {
          communes: input.communes,
          inhabitants: input.inhabitants,
          intention: input.intention,
          via: 'id' in target ? 'lead' : 'private_link',
        },
      });
      return { id: r.id };
    });
  }

  /**
   * « Lien perdu ? »: every candidature on file for that address (that dossier only, when its number is given)
   * gets a new private link, e-mailed to the address on file; the old link stops working at the commit. The
   * answer never says whether the address is known, and the e-mails leave after it.
   */
  async recoverLink(ctx: RequestContext, input: { email: string; dossierNumber?: string }): Promise<void> {
    const renewed = await this.db.transaction(async (m) => {
      await this.throttle(m, ctx, 'public-recover', LINK_RECOVERIES_PER_HOUR);
      const rows: Pick<Row, 'id' | 'dossier_number' | 'contact_email' | 'contact_name' | 'call_title'>[] =
        await m.query(
          `SELECT k.id, k.dossier_number, k.contact_email, k.contact_name, c.title AS call_title
           FROM candidatures k JOIN calls c ON c.id = k.call_id
          WHERE lower(k.contact_email) = lower($1) AND ($2::text IS NULL OR k.dossier_number = upper($2))
            AND k.personal_data_erased_at IS NULL
          ORDER BY k.created_at FOR UPDATE OF k`,
          [input.email.trim(), input.dossierNumber?.trim() || null],
        );
      const out: { row: (typeof rows)[number]; token: string }[] = [];
      for (const row of rows) {
        const token = newEditToken();
        await m.query(`UPDATE candidatures SET edit_token_hash = $2, updated_at = now() WHERE id = $1`, [
          row.id,
          hashToken(token),
        ]);
        await this.audit.record(m, ctx, {
          action: 'candidature.link_renewed',
          entity: 'candidature',
          entityId: row.id,
          after: { dossierNumber: row.dossier_number, via: 'lost_link' },
        });
        out.push({ row, token });
      }
      return out;
    });
    void (async () => {
      for (const { row, token } of renewed) {
        const mail = recoveryMail({
          dossierNumber: row.dossier_number,
          callTitle: row.call_title,
          link: this.privateLink(token),
        });
        await this.candidatures.mailCandidate({
          to: row.contact_email as string,
          name: row.contact_name ?? 'Madame, Monsieur',
          ...mail,
          url: this.privateLink(token),
        });
      }
    })();
  }
}
