import { UsersService } from '../users/users.service';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type * as Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { APP_CONFIG, AppConfig } from '../config/config';
import { onFirstUse } from '../common/on-first-use';
import { renderReminderMail } from './mail.template';
import { NotificationsErrorCode, NotificationsException } from './notifications.exception';
import type { NotificationKind } from './reminder-events';

/** What a notification says; `key` makes it once per person (UNIQUE (user_id, event_key)). */
export type NotifiableEvent = {
  key: string;
  kind: NotificationKind;
  pilotId: string | null;
  title: string;
  body: string;
  link: string | null;
  dueDate: string | null;
};

export type Notification = {
  id: string;
  kind: NotificationKind;
  pilotId: string | null;
  title: string;
  body: string;
  link: string | null;
  dueDate: string | null;
  createdAt: string;
  readAt: string | null;
  emailedAt: string | null;
};

// Loaded by the first mail sent (a worker's reminders), not by every process.
const nodemailer = onFirstUse<typeof Nodemailer>('nodemailer');

const SELECT = `SELECT id, kind, pilot_id AS "pilotId", title, body, link, due_date AS "dueDate", created_at AS "createdAt", read_at AS "readAt", emailed_at AS "emailedAt" FROM notifications`;

type Row = Omit<Notification, 'createdAt' | 'readAt' | 'emailedAt'> & {
  createdAt: Date;
  readAt: Date | null;
  emailedAt: Date | null;
};

function toNotification(r: Row): Notification {
  return {
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    readAt: r.readAt ? new Date(r.readAt).toISOString() : null,
    emailedAt: r.emailedAt ? new Date(r.emailedAt).toISOString() : null,
  };
}

/** E-mails older than this are not sent any more (SMTP configured later must not flood inboxes with old news). */
const EMAIL_MAX_AGE = '3 days';
const EMAIL_BATCH = 25;

/**
 * In-app notifications of each user and the reminder e-mails. Delivery is exactly once per (user, event):
 * the unique key decides which insert wins, and a row lock (SKIP LOCKED) decides which worker sends its e-mail.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);
  private transport: Transporter | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  /** The caller's latest notifications and how many are unread. */
  async mine(ctx: RequestContext, limit = 50): Promise<{ items: Notification[]; unreadCount: number }> {
    const userId = ctx.user?.id;
    if (!userId) return { items: [], unreadCount: 0 };
    const [rows, [{ n }]] = await Promise.all([
      this.db.query(`${SELECT} WHERE user_id = $1 ORDER BY read_at IS NULL DESC, created_at DESC, id LIMIT $2`, [
        userId,
        limit,
      ]),
      this.db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]),
    ]);
    return { items: (rows as Row[]).map(toNotification), unreadCount: n };
  }

  /** Marks one of the caller's notifications as read; another user's is 404 (its existence is not revealed). */
  async markRead(ctx: RequestContext, id: string): Promise<Notification> {
    const [rows]: [Row[], number] = await this.db.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2
       RETURNING id, kind, pilot_id AS "pilotId", title, body, link, due_date AS "dueDate", created_at AS "createdAt", read_at AS "readAt", emailed_at AS "emailedAt"`,
      [id, ctx.user?.id ?? null],
    );
    if (!rows[0])
      throw new NotificationsException(NotificationsErrorCode.NotificationNotFound, 'Notification not found');
    return toNotification(rows[0]);
  }

  async markAllRead(ctx: RequestContext): Promise<{ updated: number }> {
    const [, count]: [unknown[], number] = await this.db.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`,
      [ctx.user?.id ?? null],
    );
    return { updated: count };
  }

  /**
   * Creates the notification of each event for each of its recipients, once: a second run (or a concurrent
   * worker) hits the unique (user_id, event_key) and inserts nothing. Returns how many rows were new.
   */
  async notify(deliveries: { event: NotifiableEvent; userIds: string[] }[]): Promise<number> {
    let created = 0;
    for (const { event, userIds } of deliveries) {
      if (userIds.length === 0) continue;
      const rows: { id: string }[] = await this.db.query(
        `INSERT INTO notifications (user_id, event_key, kind, pilot_id, title, body, link, due_date)
         SELECT u, $2, $3, $4, $5, $6, $7, $8 FROM unnest($1::uuid[]) AS u
         ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id`,
        [
          userIds,
          event.key,
          event.kind,
          event.pilotId,
          event.title.slice(0, 300),
          event.body.slice(0, 5000),
          event.link,
          event.dueDate,
        ],
      );
      created += rows.length;
    }
    return created;
  }

  /** Sends the e-mails of recent notifications not yet e-mailed, when SMTP is configured; returns how many were sent. */
  async sendPendingEmails(): Promise<number> {
    if (!this.config.smtpUrl) return 0;
    let sent = 0;
    for (;;) {
      const batch = await this.db.transaction(async (m) => {
        // The row lock is held while sending, so a second worker skips these rows instead of sending them again.
        const rows: { id: string; title: string; body: string; link: string | null; email: string; name: string }[] =
          await m.query(
            `SELECT n.id, n.title, n.body, n.link, u.email, u.name FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE n.emailed_at IS NULL AND n.email_error IS NULL AND u.active AND u.email_notifications
              AND n.created_at > now() - $1::interval
            ORDER BY n.created_at LIMIT $2 FOR UPDATE OF n SKIP LOCKED`,
            [EMAIL_MAX_AGE, EMAIL_BATCH],
          );
        for (const r of rows) {
          const url = r.link && this.config.publicUrl ? new URL(r.link, this.config.publicUrl).toString() : null;
          const mail = renderReminderMail({ name: r.name, title: r.title, body: r.body, url });
          try {
            await this.mailer().sendMail({
              from: this.config.mailFrom,
              to: r.email,
              subject: mail.subject,
              html: mail.html,
              text: mail.text,
            });
            await m.query(`UPDATE notifications SET emailed_at = now() WHERE id = $1`, [r.id]);
            sent++;
          } catch (e) {
            // Recorded, not retried forever: the notification stays visible in the app.
            this.logger.warn(`Reminder e-mail to ${r.email} failed: ${e instanceof Error ? e.message : String(e)}`);
            await m.query(`UPDATE notifications SET email_error = $2 WHERE id = $1`, [
              r.id,
              (e instanceof Error ? e.message : String(e)).slice(0, 500),
            ]);
          }
        }
        return rows.length;
      });
      if (batch < EMAIL_BATCH) return sent;
    }
  }

  /** Whether the caller receives their notifications by e-mail as well (in the app they always see them). */
  async settings(ctx: RequestContext): Promise<{ emailEnabled: boolean; smtpConfigured: boolean }> {
    const [row] = await this.db.query(`SELECT email_notifications AS "emailEnabled" FROM users WHERE id = $1`, [
      ctx.user?.id ?? null,
    ]);
    return { emailEnabled: row?.emailEnabled ?? false, smtpConfigured: Boolean(this.config.smtpUrl) };
  }

  async updateSettings(
    ctx: RequestContext,
    input: { emailEnabled: boolean },
  ): Promise<{ emailEnabled: boolean; smtpConfigured: boolean }> {
    await this.db.transaction(async (m) => {
      const userId = ctx.user?.id ?? null;
      const before = userId ? await this.users.setEmailNotifications(m, userId, input.emailEnabled) : null;
      await this.audit.record(m, ctx, {
        action: 'user.notification_settings',
        entity: 'user',
        entityId: userId,
        before: { emailEnabled: before },
        after: { emailEnabled: input.emailEnabled },
      });
    });
    return this.settings(ctx);
  }

  /**
   * An e-mail to someone without an account (a candidate), when SMTP is configured: sent now, not queued,
   * since there is no in-app notification to fall back on. A failure is logged, never thrown at the caller.
   */
  async emailOutsider(
    to: string,
    mail: { name: string; title: string; body: string; url?: string | null },
    attachments: { filename: string; content: Buffer; contentType: string }[] = [],
  ): Promise<boolean> {
    if (!this.config.smtpUrl) return false;
    const rendered = renderReminderMail({ ...mail, url: mail.url ?? null });
    try {
      await this.mailer().sendMail({
        from: this.config.mailFrom,
        to,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        attachments,
      });
      return true;
    } catch (e) {
      this.logger.warn(`E-mail to ${to} failed: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  private mailer(): Transporter {
    this.transport ??= nodemailer().createTransport(this.config.smtpUrl);
    return this.transport;
  }
}
