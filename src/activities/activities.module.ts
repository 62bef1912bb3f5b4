import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module';
import { PilotsModule } from '../pilots/pilots.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Activity } from './activity.entity';
import { ActivityActor } from './activity-actor.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Activity, ActivityActor]), PilotsModule, ActorsModule],
  controllers: [ActivitiesController],
  providers: [ActivitiesService],
  exports: [ActivitiesService],
})
export class ActivitiesModule {}
