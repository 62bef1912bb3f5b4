import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module';
import { PilotsModule } from '../pilots/pilots.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';

@Module({
  imports: [PilotsModule, ActorsModule],
  controllers: [ActivitiesController],
  providers: [ActivitiesService],
  exports: [ActivitiesService],
})
export class ActivitiesModule {}
