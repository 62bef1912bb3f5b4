import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ical, { ICalCalendar } from 'ical-generator';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { CommonException } from '../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../config/config';
import { FundingService } from '../funding/funding.service';
import { projectYears } from '../pilots/pilot-terms';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

type FeedEvent = { uid: string; date: string; summary: string; description: string; url: string | null };

/**
 * Each person's private calendar feed (ICS): their own events only — call deadlines and webinars (leads and
 * committee members), and for the pilots they can see: Smicval instalments due, milestones, report due dates.
 * The secret token is shown once; only its SHA-256 is kept; regenerating it revokes the old one.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly funding: FundingService,
  ) {}

  async regenerate(ctx: RequestContext): Promise<{ token: string; path: string; url: string | null }> {
    const token = randomBytes(32).toString('base64url');
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = $2, created_at = now()`,
        [ctx.user!.id, hash(token)],
      );
      await this.audit.record(m, ctx, { action: 'calendar.regenerate', entity: 'user', entityId: ctx.user!.id });
    });
    const path = `/api/calendar/${token}.ics`;
    return { token, path, url: this.config.publicUrl ? new URL(path, this.config.publicUrl).toString() : null };
  }

  async revoke(ctx: RequestContext): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM calendar_feeds WHERE user_id = $1`, [ctx.user!.id]);
      await this.audit.record(m, ctx, { action: 'calendar.revoke', entity: 'user', entityId: ctx.user!.id });
    });
  }

  /** The feed of the token's owner; an unknown or revoked token (or an inactive account) is 404. */
  async feed(token: string): Promise<string> {
    const [user] = await this.db.query(
      `SELECT u.id, u.role FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token_hash = $1 AND u.active`,
      [hash(token)],
    );
    if (!user) throw CommonException.notFound('Calendar feed');
    const events = await this.events(user.id, user.role);
    const cal: ICalCalendar = ical({ name: 'Projet K', timezone: 'Europe/Paris', prodId: '//Smicval//Projet K//FR' });
    for (const e of events)
      cal.createEvent({
        id: e.uid,
        start: new Date(`${e.date}T00:00:00Z`),
        allDay: true,
        summary: e.summary,
        description: e.description,
        url: e.url && this.config.publicUrl ? new URL(e.url, this.config.publicUrl).toString() : null,
      });
    return cal.toString();
  }

  private async events(userId: string, role: string): Promise<FeedEvent[]> {
    const out: FeedEvent[] = [];
    if (role === 'lead' || role === 'committee') {
      const calls = await this.db.query(
        `SELECT id, title, intention_deadline AS "intention", engagement_deadline AS "engagement", webinars FROM calls`,
      );
      for (const c of calls) {
        out.push({
          uid: `call-${c.id}-intention`,
          date: c.intention,
          summary: `Date limite des lettres d’intention — ${c.title}`,
          description: `Appel « ${c.title} »`,
          url: `/appels/${c.id}`,
        });
        out.push({
          uid: `call-${c.id}-engagement`,
          date: c.engagement,
          summary: `Date limite des lettres d’engagement — ${c.title}`,
          description: `Appel « ${c.title} »`,
          url: `/appels/${c.id}`,
        });
        for (const [i, w] of ((c.webinars ?? []) as { date: string; startTime?: string }[]).entries())
          out.push({
            uid: `call-${c.id}-webinar-${i}`,
            date: w.date,
            summary: `Webinaire — ${c.title}${w.startTime ? ` (${w.startTime})` : ''}`,
            description: `Webinaire d’information de l’appel « ${c.title} »`,
            url: `/appels/${c.id}`,
          });
      }
    }
    if (role === 'committee') return out;
    const pilots: { id: string; name: string; startDate: string | null; operatingYears: number }[] =
      await this.db.query(
        `SELECT p.id, p.name, p.start_date AS "startDate", p.operating_years AS "operatingYears" FROM pilots p
          WHERE $2 = 'lead' OR p.id IN (SELECT pilot_id FROM pilot_members WHERE user_id = $1) ORDER BY p.name`,
        [userId, role],
      );
    for (const p of pilots) {
      for (const y of projectYears(p.startDate, p.operatingYears))
        out.push({
          uid: `pilot-${p.id}-report-${y.year}`,
          date: y.to,
          summary: `Rapport annuel, année ${y.year} — ${p.name}`,
          description: `Fin de l’année ${y.year} du projet : le rapport annuel est attendu.`,
          url: `/pilotes/${p.id}/rapports`,
        });
      const milestones = await this.db.query(
        `SELECT id, title, due_date AS "dueDate" FROM milestones WHERE pilot_id = $1 AND status NOT IN ('done', 'dropped')`,
        [p.id],
      );
      for (const m of milestones)
        out.push({
          uid: `milestone-${m.id}`,
          date: m.dueDate,
          summary: `Jalon : ${m.title} — ${p.name}`,
          description: `Jalon de la feuille de route vers l’autonomie`,
          url: `/pilotes/${p.id}/autonomie`,
        });
      if (!p.startDate) continue;
      const { schedule } = await this.funding.summary(p.id);
      for (const i of schedule)
        if (i.dueDate && i.status !== 'paid')
          out.push({
            uid: `pilot-${p.id}-instalment-${i.fund}-${i.year}`,
            date: i.dueDate,
            summary: `Versement ${i.fund === 'investment' ? 'd’investissement' : 'de fonctionnement'}, année ${i.year} — ${p.name}`,
            description: `Versement attendu du Smicval`,
            url: `/pilotes/${p.id}/financement`,
          });
    }
    return out;
  }
}
