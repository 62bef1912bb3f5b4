import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/config';
import { ThrottleCounter } from '../common/throttle-counter.entity';
import { dataSourceOptions } from './data-source';

@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.databaseUrl) throw new Error('DatabaseModule needs a database URL (start the embedded server first)');
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl), autoLoadEntities: true, retryAttempts: 0 }),
        // The throttling counters belong to src/common/throttle.ts, shared by sign-in and the public candidatures.
        TypeOrmModule.forFeature([ThrottleCounter]),
      ],
    };
  }
}
