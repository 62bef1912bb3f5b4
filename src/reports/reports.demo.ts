import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { RequestContext } from '../auth/auth.types';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { DemoRefs, DemoSeeder } from '../demo-kit/demo.types';
import { queueCall } from '../queues/queue-call';
import { JobName, QueueName } from '../queues/queue.constants';
import { addJob, JobData, QueueOf } from '../queues/queue.types';
import { ReportGenerator } from './report-generator.service';
import { ReportIssuing } from './report-issuing.service';
import type { PilotReportInput } from './report-rows';

/** The demo pilot's year-1 report for ADEME, as the lead asks for it. */
const YEAR_ONE: PilotReportInput = {
  year: 1,
  audience: 'ademe',
  narrative: {
    highlights:
      "Ouverture de la ressourcerie dans l'ancienne poste au printemps, repair café mensuel animé par des bénévoles, compostage partagé installé près de l'école.\n\nLa commune et trois associations se sont engagées au-delà de ce qui était prévu dans la lettre d'engagement.",
    difficulties:
      "Les travaux d'aménagement du local ont pris deux mois de retard. Le recrutement de l'animatrice du compostage a été plus long que prévu, et une facture saisie deux fois a dû être annulée.",
    outlook:
      'Année 2 : ouvrir la cantine anti-gaspillage, confier la ressourcerie à une association porteuse et viser 30 % de ressources de fonctionnement hors Smicval.',
  },
};

/** The « bilan » pilot's final report for ADEME, across its three years, with the lead's conclusions. */
const FINAL: PilotReportInput = {
  kind: 'final',
  audience: 'ademe',
  narrative: {
    highlights:
      "En trois ans, l'ancien chai est devenu la ressourcerie des coteaux : boutique de réemploi, collectes trimestrielles et repair café, portés par une association locale et un collectif d'habitants.\n\nLes ordures ménagères résiduelles ont baissé chaque année depuis l'année de référence.",
    difficulties:
      "La première année a reposé presque entièrement sur la dotation Smicval ; l'équilibre de la boutique n'a été trouvé qu'en troisième année.",
    outlook:
      'La commune et les ventes de la ressourcerie couvrent une part du fonctionnement qui a grandi chaque année : le projet peut continuer sans la dotation du Smicval, qui reste partenaire pour les collectes.',
  },
};

type Producers = { generator: ReportGenerator; issuing: ReportIssuing };

/**
 * Produces a demo report in this process (not through the queue) and issues it, as the lead would after reading
 * it. A pilot that already has an issued report of that kind is left alone, so a replayed job adds nothing.
 */
async function produceAndIssue(p: Producers, lead: RequestContext, pilotId: string, input: PilotReportInput) {
  if (await p.generator.hasIssued(pilotId, input.kind === 'final' ? 'final' : 'pilot')) return;
  const report = await p.generator.generateNow(lead, pilotId, input);
  if (report.status === 'done') await p.issuing.issue(lead, report.id);
}

/** The demo's two reports, in a worker (the demo-reports job of a split deployment's first start). */
export async function produceDemoReports(p: Producers, data: JobData[typeof JobName.DemoReports]): Promise<void> {
  const lead: RequestContext = {
    user: { ...data.lead, role: 'lead', pilotIds: [] },
    requestId: 'demo-seed',
    ip: null,
    via: 'none',
  };
  if (data.pilotId) await produceAndIssue(p, lead, data.pilotId, YEAR_ONE);
  if (data.bilanPilotId) await produceAndIssue(p, lead, data.bilanPilotId, FINAL);
}

const producers = (app: INestApplicationContext): Producers => ({
  generator: app.get(ReportGenerator),
  issuing: app.get(ReportIssuing),
});

/**
 * An API-only process (PROCESS_ROLE=api) does not produce reports: Chromium, the charts and the spreadsheet
 * writer would stay in its memory for its whole life. Its demo reports go to a worker as one job instead.
 */
const producedHere = (refs: DemoRefs) => refs.app.get<AppConfig>(APP_CONFIG).processRole !== 'api';

/** The demo pilot's year-1 report for ADEME, produced and issued (in a split deployment: see seedFinalReportDemo). */
export const seedReportsDemo: DemoSeeder = async (refs) => {
  if (!refs.pilotId || !producedHere(refs)) return;
  await produceAndIssue(producers(refs.app), refs.lead, refs.pilotId, YEAR_ONE);
};

/**
 * The « bilan » pilot's final report for ADEME, produced and issued the same way as the yearly one (the same
 * services a lead's request goes through, without the queue). In an API-only process, both demo reports are
 * queued here, once both pilots exist, for the first worker to produce and issue.
 */
export const seedFinalReportDemo: DemoSeeder = async (refs) => {
  if (!producedHere(refs)) {
    if (!refs.pilotId && !refs.bilanPilotId) return;
    const queue = refs.app.get<QueueOf<'reports'>>(getQueueToken(QueueName.Reports));
    const { id, email, name } = refs.users.lead;
    const data = { lead: { id, email, name }, pilotId: refs.pilotId ?? null, bilanPilotId: refs.bilanPilotId ?? null };
    await queueCall(addJob(queue, JobName.DemoReports, data, { jobId: JobName.DemoReports }));
    return;
  }
  if (!refs.bilanPilotId) return;
  await produceAndIssue(producers(refs.app), refs.lead, refs.bilanPilotId, FINAL);
};
