import { Module } from '@nestjs/common';
import { PilotsModule } from '../pilots/pilots.module';
import { WasteController } from './waste.controller';
import { WasteService } from './waste.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WasteYear } from './waste-year.entity';

@Module({
  imports: [TypeOrmModule.forFeature([WasteYear]), PilotsModule],
  controllers: [WasteController],
  providers: [WasteService],
  exports: [WasteService],
})
export class WasteModule {}
