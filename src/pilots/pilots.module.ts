import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module';
import { PilotsController } from './pilots.controller';
import { PilotClosureService } from './pilot-closure.service';
import { PilotsService } from './pilots.service';

@Module({
  imports: [ActorsModule],
  controllers: [PilotsController],
  providers: [PilotsService, PilotClosureService],
  exports: [PilotsService],
})
export class PilotsModule {}
