import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { ActorsModule } from '../actors/actors.module';
import { AutonomyModule } from '../autonomy/autonomy.module';
import { CandidaturesModule } from '../candidatures/candidatures.module';
import { FundingModule } from '../funding/funding.module';
import { PilotsModule } from '../pilots/pilots.module';
import { WasteModule } from '../waste/waste.module';
import { NarrativeDraftsController } from './narrative-drafts.controller';
import { NarrativeDraftsService } from './narrative-drafts.service';
import { ReportSnapshotService } from './report-snapshot.service';
import { CallReportsController, PilotReportsController, ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [
    PilotsModule,
    FundingModule,
    ActivitiesModule,
    ActorsModule,
    WasteModule,
    AutonomyModule,
    CandidaturesModule,
  ],
  controllers: [PilotReportsController, CallReportsController, ReportsController, NarrativeDraftsController],
  providers: [ReportsService, ReportSnapshotService, NarrativeDraftsService],
  exports: [ReportsService],
})
export class ReportsModule {}
