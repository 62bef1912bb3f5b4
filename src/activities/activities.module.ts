import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module';
import { PilotsModule } from '../pilots/pilots.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Activity } from './activity.entity';
import { ActivityActor } from './activity-actor.entity';
import { ActivityFiguresService } from './activity-figures.service';
import { ActivityIdempotencyKey } from './activity-idempotency-key.entity';
import { ActivityIdempotencyService } from './activity-idempotency.service';
import { ActivityPhoto } from './activity-photo.entity';
import { ActivityPhotosController } from './activity-photos.controller';
import { ActivityPhotosService } from './activity-photos.service';
import { ActivityReadsService } from './activity-reads.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Activity, ActivityActor, ActivityPhoto, ActivityIdempotencyKey]),
    PilotsModule,
    ActorsModule,
  ],
  controllers: [ActivitiesController, ActivityPhotosController],
  providers: [
    ActivitiesService,
    ActivityReadsService,
    ActivityFiguresService,
    ActivityPhotosService,
    ActivityIdempotencyService,
  ],
  exports: [ActivitiesService, ActivityIdempotencyService],
})
export class ActivitiesModule {}
