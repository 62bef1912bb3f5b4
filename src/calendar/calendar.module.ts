import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarFeed } from './calendar-feed.entity';
import { FundingModule } from '../funding/funding.module';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Module({
  imports: [TypeOrmModule.forFeature([CalendarFeed]), FundingModule],
  controllers: [CalendarController],
  providers: [CalendarService],
})
export class CalendarModule {}
