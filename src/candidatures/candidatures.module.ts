import { Module } from '@nestjs/common';
import { PilotsModule } from '../pilots/pilots.module';
import { CallsService } from './calls.service';
import { CallsController } from './calls.controller';
import { CandidaturesController, DossiersController } from './candidatures.controller';
import { PublicCandidaturesController } from './public-candidatures.controller';
import { CandidatureAttachmentsService } from './candidature-attachments.service';
import { CandidatureDecisionService } from './candidature-decision.service';
import { CandidatureEngagementService } from './candidature-engagement.service';
import { CandidatureIntakeService } from './candidature-intake.service';
import { CandidatureRetentionService } from './candidature-retention.service';
import { CandidaturesService } from './candidatures.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Call } from './call.entity';
import { Candidature } from './candidature.entity';
import { CandidatureConflict } from './candidature-conflict.entity';
import { CandidatureEvaluation } from './candidature-evaluation.entity';
import { CandidatureAttachment } from './candidature-attachment.entity';
import { DossierCounter } from './dossier-counter.entity';
import { CommitteeController } from './committee.controller';
import { CommitteeService } from './committee.service';
import { RankingService } from './ranking.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Call,
      Candidature,
      CandidatureConflict,
      CandidatureEvaluation,
      CandidatureAttachment,
      DossierCounter,
    ]),
    PilotsModule,
  ],
  controllers: [
    CallsController,
    CandidaturesController,
    DossiersController,
    CommitteeController,
    PublicCandidaturesController,
  ],
  providers: [
    CallsService,
    CandidaturesService,
    CandidatureIntakeService,
    CandidatureEngagementService,
    CandidatureAttachmentsService,
    CandidatureDecisionService,
    CandidatureRetentionService,
    CommitteeService,
    RankingService,
  ],
  exports: [
    CallsService,
    CandidaturesService,
    CandidatureIntakeService,
    CandidatureEngagementService,
    CandidatureDecisionService,
    CandidatureRetentionService,
    CommitteeService,
  ],
})
export class CandidaturesModule {}
