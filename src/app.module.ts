import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { LoggerModule, Params } from 'nestjs-pino';
import type { Options as HttpLogOptions } from 'pino-http';
import pinoPretty from 'pino-pretty';
import { ProblemFilter } from './common/errors/problem.filter';
import { redactRequest } from './common/log-redaction';
import { AppConfig, runsWorkers } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ActivitiesModule } from './activities/activities.module';
import { ActorsModule } from './actors/actors.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { FundingModule } from './funding/funding.module';
import { HealthModule } from './health/health.module';
import { SystemWorkerModule } from './health/system.processor';
import { CandidaturesWorkerModule } from './candidatures/candidature-retention.processor';
import { PilotsModule } from './pilots/pilots.module';
import { CandidaturesModule } from './candidatures/candidatures.module';
import { QueuesModule } from './queues/queues.module';
import { UsersModule } from './users/users.module';
import { AutonomyModule } from './autonomy/autonomy.module';
import { NotificationsModule } from './notifications/notifications.module';
import { CalendarModule } from './calendar/calendar.module';
import { RemindersWorkerModule } from './notifications/reminders.processor';
import { WasteModule } from './waste/waste.module';
import { ReportsModule } from './reports/reports.module';
import { HomeModule } from './home/home.module';
import { ReportsWorkerModule } from './reports/reports.processor';
import { PublicationModule } from './publication/publication.module';

/** JSON lines by default; for a person at a terminal, readable lines written in order with the start-up messages. */
function withLogFormat(config: AppConfig, options: HttpLogOptions): Params['pinoHttp'] {
  if (config.logFormat === 'json') return options;
  return [
    options,
    pinoPretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,req,res', singleLine: true }),
  ];
}

/** Feature modules serving HTTP (their services are also what workers call). */
const FEATURE_MODULES: Type[] = [
  AuditModule,
  AuthModule,
  UsersModule,
  HealthModule,
  ActorsModule,
  PilotsModule,
  CandidaturesModule,
  ActivitiesModule,
  FundingModule,
  WasteModule,
  AutonomyModule,
  NotificationsModule,
  CalendarModule,
  ReportsModule,
  HomeModule,
  PublicationModule,
];

/** Modules holding queue processors: only in processes that run workers (PROCESS_ROLE worker or all). */
const WORKER_MODULES: Type[] = [
  SystemWorkerModule,
  RemindersWorkerModule,
  ReportsWorkerModule,
  CandidaturesWorkerModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: withLogFormat(config, {
            level: config.logLevel,
            // Fastify assigns the id (see app.factory.ts); the logs reuse it.
            genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
            // Private candidature links are secrets too: never written in clear in the request log.
            serializers: { req: redactRequest },
            autoLogging: { ignore: (req) => req.url === '/api/health' },
            // The request is serialised (headers, redaction) only into a line actually written: the loggers bound
            // to a request carry its id, not a copy of its headers built on every request whatever the level.
            quietReqLogger: true,
            quietResLogger: true,
            customSuccessObject: (req, _res, value) => ({ req, ...value }),
            customErrorObject: (req, _res, _error, value) => ({ req, ...value }),
          }),
        }),
        DatabaseModule.forRoot(config),
        QueuesModule.forRoot(config),
        ...FEATURE_MODULES,
        ...(runsWorkers(config) ? WORKER_MODULES : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
