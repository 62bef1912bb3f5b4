import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivitiesModule } from '../activities/activities.module';
import { AutonomyModule } from '../autonomy/autonomy.module';
import { FundingModule } from '../funding/funding.module';
import { PilotsModule } from '../pilots/pilots.module';
import { ReportsModule } from '../reports/reports.module';
import { WasteModule } from '../waste/waste.module';
import { OpenDataController } from './open-data.controller';
import { OpenDataService } from './open-data.service';
import { PilotPublication } from './pilot-publication.entity';
import { PublicFigures } from './public-figures.service';
import { PublicationController } from './publication.controller';
import { PublicationService } from './publication.service';

/** A pilot's public page (/territoires/<slug>, see public-page.routes.ts) and its open data (/api/open-data). */
@Module({
  imports: [
    TypeOrmModule.forFeature([PilotPublication]),
    PilotsModule,
    FundingModule,
    ActivitiesModule,
    WasteModule,
    AutonomyModule,
    ReportsModule,
  ],
  controllers: [PublicationController, OpenDataController],
  providers: [PublicationService, PublicFigures, OpenDataService],
  exports: [PublicationService, OpenDataService],
})
export class PublicationModule {}
