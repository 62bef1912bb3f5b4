import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CandidatureEvent, CandidaturesService } from '../candidatures/candidatures.service';
import { NotificationsService } from './notifications.service';

const DECISION_FR: Record<string, string> = {
  selected: 'retenue',
  not_selected: 'non retenue',
  withdrawn: 'retirée',
};

type CandidatureFacts = {
  id: string;
  status: string;
  communes: { name: string }[];
  inhabitants: number;
  contactName: string | null;
  contactEmail: string | null;
  callTitle: string;
  pilotId: string | null;
};

/**
 * Notifications when things happen to a candidature: received (every lead), decided (the leads, the coordinators
 * of the pilot it became or with the candidature's contact address, and the candidate by e-mail when an address
 * was given). Once per person per event through the notifications' unique key.
 */
@Injectable()
export class CandidatureNotifier implements OnModuleInit {
  private readonly logger = new Logger(CandidatureNotifier.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly candidatures: CandidaturesService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.candidatures.onEvent((e) => this.handle(e));
    // Acknowledgements and new private links reach candidates through the platform's SMTP setting.
    this.candidatures.useMailer((m) => this.notifications.emailOutsider(m.to, m, m.attachments));
  }

  async handle(event: CandidatureEvent): Promise<void> {
    const c = await this.facts(event.candidatureId);
    if (!c) return;
    const communes = c.communes.map((x) => x.name).join(', ');
    const leads = await this.userIds(`SELECT id FROM users WHERE role = 'lead' AND active`, []);
    if (event.type === 'received') {
      await this.notifications.notify([
        {
          event: {
            key: `candidature_received:${c.id}`,
            kind: 'candidature_received',
            pilotId: null,
            title: `Nouvelle candidature : ${communes}`.slice(0, 300),
            body: `Lettre d’intention reçue pour l’appel « ${c.callTitle} » (${c.inhabitants.toLocaleString('fr-FR')} habitants).`,
            link: `/candidatures/${c.id}`,
            dueDate: null,
          },
          userIds: leads,
        },
      ]);
    } else {
      const decision = DECISION_FR[c.status] ?? c.status;
      const title = `Décision sur la candidature de ${communes} : ${decision}`.slice(0, 300);
      const body = `L’appel « ${c.callTitle} » : la candidature de ${communes} est ${decision}.`;
      const coordinators = await this.userIds(
        `SELECT u.id FROM users u WHERE u.role = 'coordinator' AND u.active
            AND (lower(u.email) = lower($1) OR u.id IN (SELECT user_id FROM pilot_members WHERE pilot_id = $2))`,
        [c.contactEmail ?? '', c.pilotId],
      );
      const event = { key: `candidature_decided:${c.id}`, kind: 'candidature_decided' as const, title, body };
      await this.notifications.notify([
        { event: { ...event, pilotId: c.pilotId, link: `/candidatures/${c.id}`, dueDate: null }, userIds: leads },
        {
          event: { ...event, pilotId: c.pilotId, link: c.pilotId ? `/pilotes/${c.pilotId}` : null, dueDate: null },
          userIds: coordinators,
        },
      ]);
      if (c.contactEmail)
        void this.notifications.emailOutsider(c.contactEmail, {
          name: c.contactName ?? 'Madame, Monsieur',
          title,
          body:
            c.status === 'selected'
              ? `${body} Félicitations : l’équipe du Smicval vous contacte pour la convention.`
              : `${body} Merci pour votre candidature.`,
        });
    }
    // E-mails go out now rather than at the next daily run (only when SMTP is configured).
    void this.notifications
      .sendPendingEmails()
      .catch((e) => this.logger.warn(`Notification e-mails failed: ${e instanceof Error ? e.message : String(e)}`));
  }

  private async facts(id: string): Promise<CandidatureFacts | null> {
    const [row] = await this.db.query(
      `SELECT c.id, c.status, c.communes, c.inhabitants, c.contact_name AS "contactName", c.contact_email AS "contactEmail",
              k.title AS "callTitle", (SELECT p.id FROM pilots p WHERE p.candidature_id = c.id) AS "pilotId"
         FROM candidatures c JOIN calls k ON k.id = c.call_id WHERE c.id = $1`,
      [id],
    );
    return row ?? null;
  }

  private async userIds(sql: string, params: unknown[]): Promise<string[]> {
    return ((await this.db.query(sql, params)) as { id: string }[]).map((r) => r.id);
  }
}
