import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { ActorsModule } from '../actors/actors.module';
import { AutonomyModule } from '../autonomy/autonomy.module';
import { CandidaturesModule } from '../candidatures/candidatures.module';
import { FundingModule } from '../funding/funding.module';
import { PilotsModule } from '../pilots/pilots.module';
import { WasteModule } from '../waste/waste.module';
import { ReportReconciler } from './report-reconciler.service';
import { ReportSnapshotService } from './report-snapshot.service';
import { CallReportsController, PilotReportsController, ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Report } from './report.entity';
import { ReportFile } from './report-file.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Report, ReportFile]),
    PilotsModule,
    FundingModule,
    ActivitiesModule,
    ActorsModule,
    WasteModule,
    AutonomyModule,
    CandidaturesModule,
  ],
  controllers: [PilotReportsController, CallReportsController, ReportsController],
  providers: [ReportsService, ReportSnapshotService, ReportReconciler],
  exports: [ReportsService, ReportReconciler],
})
export class ReportsModule {}
