import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { ActorsModule } from '../actors/actors.module';
import { AutonomyModule } from '../autonomy/autonomy.module';
import { CandidaturesModule } from '../candidatures/candidatures.module';
import { FundingModule } from '../funding/funding.module';
import { PilotsModule } from '../pilots/pilots.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { WasteModule } from '../waste/waste.module';
import { ReportLogoService } from './report-logo.service';
import { ReportNotifier } from './report-notifier';
import { ReportReviewsService } from './report-reviews.service';
import { ReportSnapshotService } from './report-snapshot.service';
import { OrganisationLogoController } from './report-logo.controller';
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
    NotificationsModule,
  ],
  controllers: [PilotReportsController, CallReportsController, ReportsController, OrganisationLogoController],
  providers: [ReportsService, ReportSnapshotService, ReportNotifier, ReportReviewsService, ReportLogoService],
  exports: [ReportsService],
})
export class ReportsModule {}
