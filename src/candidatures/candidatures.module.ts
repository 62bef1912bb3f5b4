import { Module } from '@nestjs/common';
import { PilotsModule } from '../pilots/pilots.module';
import { CallsService } from './calls.service';
import { CallsController, CandidaturesController, PublicCandidaturesController } from './candidatures.controller';
import { CandidaturesService } from './candidatures.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Call } from './call.entity';
import { Candidature } from './candidature.entity';
import { CandidatureConflict } from './candidature-conflict.entity';
import { CandidatureEvaluation } from './candidature-evaluation.entity';
import { CommitteeController } from './committee.controller';
import { CommitteeService } from './committee.service';
import { RankingService } from './ranking.service';

@Module({
  imports: [TypeOrmModule.forFeature([Call, Candidature, CandidatureConflict, CandidatureEvaluation]), PilotsModule],
  controllers: [CallsController, CandidaturesController, CommitteeController, PublicCandidaturesController],
  providers: [CallsService, CandidaturesService, CommitteeService, RankingService],
  exports: [CallsService, CandidaturesService, CommitteeService],
})
export class CandidaturesModule {}
