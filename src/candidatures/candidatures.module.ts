import { Module } from '@nestjs/common';
import { PilotsModule } from '../pilots/pilots.module';
import { CallsService } from './calls.service';
import { CallsController, CandidaturesController, PublicCandidaturesController } from './candidatures.controller';
import { CandidaturesService } from './candidatures.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Call } from './call.entity';
import { Candidature } from './candidature.entity';
import { CandidatureEvaluation } from './candidature-evaluation.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Call, Candidature, CandidatureEvaluation]), PilotsModule],
  controllers: [CallsController, CandidaturesController, PublicCandidaturesController],
  providers: [CallsService, CandidaturesService],
  exports: [CallsService, CandidaturesService],
})
export class CandidaturesModule {}
