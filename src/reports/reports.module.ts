import { NarrativeDraft } from './narrative-draft.entity';
import { OrganisationLogo } from './organisation-logo.entity';
import { ReportComment } from './report-comment.entity';
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
import { ReportReconciler } from './report-reconciler.service';
import { ReportReviewsService } from './report-reviews.service';
import { NarrativeDraftsController } from './narrative-drafts.controller';
import { NarrativeDraftsService } from './narrative-drafts.service';
import { ReportSnapshotService } from './report-snapshot.service';
import { ReportSectionsService } from './report-sections.service';
import { FinalSnapshotService } from './final-snapshot.service';
import { ReportGenerator } from './report-generator.service';
import { ReportIssuing } from './report-issuing.service';
import { ReportDrafts } from './report-drafts.service';
import { OrganisationLogoController } from './report-logo.controller';
import { CallReportsController, PilotReportsController, ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { IssuedReports } from './issued-reports.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Report } from './report.entity';
import { ReportFile } from './report-file.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Report, ReportFile, ReportComment, OrganisationLogo, NarrativeDraft]),
    PilotsModule,
    FundingModule,
    ActivitiesModule,
    ActorsModule,
    WasteModule,
    AutonomyModule,
    CandidaturesModule,
    NotificationsModule,
  ],
  controllers: [
    PilotReportsController,
    CallReportsController,
    ReportsController,
    OrganisationLogoController,
    NarrativeDraftsController,
  ],
  providers: [
    ReportsService,
    ReportGenerator,
    ReportIssuing,
    ReportDrafts,
    ReportSnapshotService,
    ReportSectionsService,
    FinalSnapshotService,
    ReportReconciler,
    ReportNotifier,
    ReportReviewsService,
    ReportLogoService,
    NarrativeDraftsService,
    IssuedReports,
  ],
  exports: [ReportsService, ReportGenerator, ReportIssuing, ReportDrafts, ReportReconciler, IssuedReports],
})
export class ReportsModule {}
