import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module';
import { PilotsModule } from '../pilots/pilots.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Activity } from './activity.entity';
import { ActivityActor } from './activity-actor.entity';
import { ActivityIdempotencyKey } from './activity-idempotency-key.entity';
import { ActivityIdempotencyService } from './activity-idempotency.service';

@Module({
  imports: [TypeOrmModule.forFeature([Activity, ActivityActor, ActivityIdempotencyKey]), PilotsModule, ActorsModule],
  controllers: [ActivitiesController],
  providers: [ActivitiesService, ActivityIdempotencyService],
  exports: [ActivitiesService, ActivityIdempotencyService],
})
export class ActivitiesModule {}
