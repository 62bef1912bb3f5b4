import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_CONTEXT } from '../auth/auth.types';
import { frenchDate } from '../common/format-fr';
import { NotifiableEvent, NotificationsService } from '../notifications/notifications.service';
import { PilotsService } from '../pilots/pilots.service';

export type NotifiedReport = { id: string; pilotId: string | null; title: string; version: number };

/**
 * Tells people about a report through the notifications feature: in-app, and by e-mail when SMTP is configured.
 * Each event has a unique key, so a retried call notifies nobody twice. A failure here never undoes the change
 * that caused it (the report stays issued, the comment stays recorded).
 */
@Injectable()
export class ReportNotifier {
  private readonly logger = new Logger('ReportNotifier');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly pilots: PilotsService,
  ) {}

  /** A report was issued: its pilot's reviewers and coordinators hear of it once. */
  async issued(report: NotifiedReport, day: string): Promise<void> {
    if (!report.pilotId) return;
    const pilotId = report.pilotId;
    await this.safely(async () => {
      const pilot = await this.pilots.get(SYSTEM_CONTEXT, pilotId);
      const members = pilot.members
        .filter((m) => m.role === 'reviewer' || m.role === 'coordinator')
        .map((m) => m.userId);
      await this.deliver(await this.active(members), {
        key: `report-issued:${report.id}`,
        kind: 'report_issued',
        pilotId,
        title: `Rapport émis : ${report.title}`.slice(0, 300),
        body: `La version ${report.version} du rapport « ${report.title} » a été émise le ${frenchDate(day)}. Elle est figée et peut être téléchargée.`,
        link: `/rapports/${report.id}`,
        dueDate: day,
      });
    });
  }

  /** A reviewer commented (or decided): the pilot's lead hears of it (every lead when the pilot has none). */
  async commented(
    report: NotifiedReport,
    comment: { id: string; author: string; decision: string | null },
    day: string,
  ): Promise<void> {
    if (!report.pilotId) return;
    const pilotId = report.pilotId;
    await this.safely(async () => {
      const pilot = await this.pilots.get(SYSTEM_CONTEXT, pilotId);
      let recipients = await this.active(pilot.leadUserId ? [pilot.leadUserId] : []);
      if (recipients.length === 0) {
        const leads: { id: string }[] = await this.db.query(`SELECT id FROM users WHERE role = 'lead' AND active`);
        recipients = leads.map((l) => l.id);
      }
      const what =
        comment.decision === 'approve'
          ? 'a approuvé'
          : comment.decision === 'changes_requested'
            ? 'demande des modifications sur'
            : 'a commenté';
      await this.deliver(recipients, {
        key: `report-comment:${comment.id}`,
        kind: 'report_comment',
        pilotId,
        title: `${comment.author} ${what} un rapport`.slice(0, 300),
        body: `${comment.author} ${what} la version ${report.version} du rapport « ${report.title} ».`,
        link: `/rapports/${report.id}`,
        dueDate: day,
      });
    });
  }

  private async active(userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active`, [
      userIds,
    ]);
    return rows.map((r) => r.id);
  }

  private async deliver(userIds: string[], event: NotifiableEvent): Promise<void> {
    await this.notifications.notify([{ event, userIds }]);
    await this.notifications.sendPendingEmails();
  }

  private async safely(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      this.logger.warn(`Report notification failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
