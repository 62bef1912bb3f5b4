import { Module } from '@nestjs/common';
import { AutonomyModule } from '../autonomy/autonomy.module';
import { CandidaturesModule } from '../candidatures/candidatures.module';
import { FundingModule } from '../funding/funding.module';
import { PilotsModule } from '../pilots/pilots.module';
import { CandidatureNotifier } from './candidature-notifier';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { RemindersService } from './reminders.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './notification.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Notification]), PilotsModule, FundingModule, AutonomyModule, CandidaturesModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, RemindersService, CandidatureNotifier],
  exports: [NotificationsService, RemindersService],
})
export class NotificationsModule {}
