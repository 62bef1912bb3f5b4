import { INestApplicationContext, Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { seedPilotLifeDemo } from '../activities/activities.demo';
import { Role, SYSTEM_CONTEXT } from '../auth/auth.types';
import { seedAutonomyDemo } from '../autonomy/autonomy.demo';
import { seedCallsDemo } from '../candidatures/candidatures.demo';
import { seedFundingDemo } from '../funding/funding.demo';
import { seedFinalReportDemo, seedReportsDemo } from '../reports/reports.demo';
import { seedPublicationDemo } from '../publication/publication.demo';
import { UsersService } from '../users/users.service';
import { seedBilanPilotDemo } from './bilan-pilot.demo';
import { DemoRefs, DemoSeeder, DemoUser } from '../demo-kit/demo.types';

/** Demo accounts, one per role (two committee members), printed at start on the embedded default. */
export const DEMO_USERS: {
  key: 'lead' | 'coordinator' | 'committee1' | 'committee2' | 'reviewer';
  role: Role;
  email: string;
  name: string;
  password: string;
}[] = [
  {
    key: 'lead',
    role: 'lead',
    email: 'cheffe.projet@smicval.demo',
    name: 'Camille Laporte',
    password: 'Demo-Cheffe-Projet-2023',
  },
  {
    key: 'coordinator',
    role: 'coordinator',
    email: 'coordination@saint-genes.demo',
    name: 'Julien Mercier',
    password: 'Demo-Mairie-Saint-Genes-2023',
  },
  {
    key: 'committee1',
    role: 'committee',
    email: 'elu.comite@smicval.demo',
    name: 'Martine Bordes',
    password: 'Demo-Comite-Selection-1',
  },
  {
    key: 'committee2',
    role: 'committee',
    email: 'technicien.comite@smicval.demo',
    name: 'Karim Haddad',
    password: 'Demo-Comite-Selection-2',
  },
  {
    key: 'reviewer',
    role: 'reviewer',
    email: 'expert@coopter.demo',
    name: 'Sophie Lambert',
    password: 'Demo-Relecture-Coopter',
  },
];

/**
 * Feature seeders, in dependency order: calls and candidatures (whose selection creates the pilot), the
 * pilot's life on the ground, its funding, its autonomy, its reports; then a second pilot whose three years are
 * over, and its final report. Each adds what it creates to refs.
 */
export const DEMO_SEEDERS: DemoSeeder[] = [
  seedCallsDemo,
  seedPilotLifeDemo,
  seedFundingDemo,
  seedAutonomyDemo,
  seedReportsDemo,
  seedBilanPilotDemo,
  seedFinalReportDemo,
  seedPublicationDemo,
];

/** Seeds the demo on an empty database only; returns the accounts to print, or null when nothing was done. */
export async function seedDemo(app: INestApplicationContext): Promise<typeof DEMO_USERS | null> {
  const db = app.get<DataSource>(getDataSourceToken());
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM users`);
  if (n > 0) return null;
  const users = app.get(UsersService);
  const created: Record<string, DemoUser> = {};
  for (const u of DEMO_USERS) {
    const user = await users.create(SYSTEM_CONTEXT, {
      email: u.email,
      name: u.name,
      role: u.role,
      password: u.password,
    });
    created[u.key] = { id: user.id, email: user.email, name: user.name };
  }
  const leadUser = await users.get(created.lead.id);
  let refs: DemoRefs = {
    app,
    lead: { user: { ...leadUser, role: 'lead' }, requestId: 'demo-seed', ip: null, via: 'none' },
    users: {
      lead: created.lead,
      coordinator: created.coordinator,
      committee: [created.committee1, created.committee2],
      reviewer: created.reviewer,
    },
  };
  const logger = new Logger('Demo');
  for (const seeder of DEMO_SEEDERS) {
    refs = { ...refs, ...((await seeder(refs)) ?? {}) };
  }
  logger.log(`Demo data created${refs.pilotId ? ` (pilot ${refs.pilotId})` : ''}`);
  return DEMO_USERS;
}
