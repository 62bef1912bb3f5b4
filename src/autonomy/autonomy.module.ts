import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { FundingModule } from '../funding/funding.module';
import { PilotsModule } from '../pilots/pilots.module';
import { WasteModule } from '../waste/waste.module';
import { AutonomyController } from './autonomy.controller';
import { AutonomyService } from './autonomy.service';
import { MilestonesService } from './milestones.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Milestone } from './milestone.entity';
import { AutonomyRoadmap } from './autonomy-roadmap.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Milestone, AutonomyRoadmap]),
    PilotsModule,
    ActivitiesModule,
    FundingModule,
    WasteModule,
  ],
  controllers: [AutonomyController],
  providers: [AutonomyService, MilestonesService],
  exports: [AutonomyService, MilestonesService],
})
export class AutonomyModule {}
