import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AuditService } from '../audit/audit.service';
import { ROLES, Role, SYSTEM_CONTEXT } from '../auth/auth.types';
import { passwordProblem } from '../auth/password';
import { SessionsService } from '../auth/sessions.service';
import { AppConfig, ConfigError, loadConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { asApplicationRole } from '../database/db-roles';
import { UsersService } from './users.service';

const CREATE_USER_USAGE = `create-user --role <lead|coordinator|committee|reviewer> --email <address> [--name "<full name>"]`;

/** Just what creating an account needs: the database, the users service and the audit trail it writes. */
@Module({})
class CreateUserModule {
  static forRoot(config: AppConfig) {
    return {
      module: CreateUserModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config)],
      providers: [UsersService, AuditService, SessionsService],
    };
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads a password: hidden prompt on a terminal, else the first line of what is piped in. */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    stdin.setEncoding('utf8');
    for await (const chunk of stdin) text += chunk as string;
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write('Mot de passe (12 à 128 caractères) : ');
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    // Raw mode: nothing is echoed; we handle Enter, Backspace and Ctrl-C ourselves.
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new Error('Cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** `npm run cli -- create-user --role lead --email a@b.fr --name "…"`: the first lead, or any account. */
export async function createUserCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { role: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  const role = values.role as Role | undefined;
  const email = values.email?.trim().toLowerCase();
  const problems: string[] = [];
  if (!role || !ROLES.includes(role)) problems.push(`--role must be one of ${ROLES.join(', ')}`);
  if (!email || !EMAIL.test(email) || email.length > 254) problems.push('--email must be an e-mail address');
  const name = (values.name ?? email?.split('@')[0] ?? '').trim();
  if (name.length < 1 || name.length > 200) problems.push('--name must be 1 to 200 characters');
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\nUsage: npm run cli -- ${CREATE_USER_USAGE}`);

  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL is required for this command']);

  const password = process.env.PROJETK_PASSWORD ?? (await readPassword());
  const weak = passwordProblem(password, email);
  if (weak) throw new Error(weak);

  // The real service through an application context, so the audit row is written like any other change.
  const app = await NestFactory.createApplicationContext(CreateUserModule.forRoot(asApplicationRole(config)), {
    logger: ['error'],
  });
  try {
    const user = await app
      .get(UsersService)
      .create({ ...SYSTEM_CONTEXT, requestId: 'cli' }, { email: email!, name, role: role!, password });
    console.log(`Created ${user.role} ${user.email} (${user.id})`);
  } finally {
    await app.close();
  }
}
