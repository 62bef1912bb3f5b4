import { Module } from '@nestjs/common';
import { FundingModule } from '../funding/funding.module';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Module({
  imports: [FundingModule],
  controllers: [CalendarController],
  providers: [CalendarService],
})
export class CalendarModule {}
