import { Module } from '@nestjs/common';
import { PilotsModule } from '../pilots/pilots.module';
import { CallsService } from './calls.service';
import { CallsController, CandidaturesController, PublicCandidaturesController } from './candidatures.controller';
import { CandidaturesService } from './candidatures.service';

@Module({
  imports: [PilotsModule],
  controllers: [CallsController, CandidaturesController, PublicCandidaturesController],
  providers: [CallsService, CandidaturesService],
  exports: [CallsService, CandidaturesService],
})
export class CandidaturesModule {}
