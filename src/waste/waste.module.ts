import { Module } from '@nestjs/common';
import { PilotsModule } from '../pilots/pilots.module';
import { WasteController } from './waste.controller';
import { WasteService } from './waste.service';

@Module({ imports: [PilotsModule], controllers: [WasteController], providers: [WasteService], exports: [WasteService] })
export class WasteModule {}
