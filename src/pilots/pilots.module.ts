import { Module } from '@nestjs/common';
import { PilotsController } from './pilots.controller';
import { PilotClosureService } from './pilot-closure.service';
import { PilotsService } from './pilots.service';
import { PilotAmendmentsService } from './pilot-amendments.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Pilot } from './pilot.entity';
import { PilotAmendment } from './pilot-amendment.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Pilot, PilotAmendment])],
  controllers: [PilotsController],
  providers: [PilotsService, PilotAmendmentsService, PilotClosureService],
  exports: [PilotsService],
})
export class PilotsModule {}
