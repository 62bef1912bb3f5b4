import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IsDateOnly, IsOptional } from '../common/validators';
import { NOTIFICATION_KINDS, NotificationKind } from './reminder-events';

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ type: String, nullable: true }) pilotId: string | null;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true, description: 'client path to open' }) link: string | null;
  @ApiProperty({ type: String, nullable: true }) dueDate: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) readAt: string | null;
  @ApiProperty({ type: String, nullable: true }) emailedAt: string | null;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto], description: 'the 50 latest, unread first' }) items: NotificationDto[];
  @ApiProperty() unreadCount: number;
}

export class ReadAllDto {
  @ApiProperty() updated: number;
}

export class RunRemindersDto {
  @ApiPropertyOptional({ description: 'run as of this date (YYYY-MM-DD) instead of today in Paris' })
  @IsOptional()
  @IsDateOnly()
  date?: string;
}

export class RunRemindersResultDto {
  @ApiProperty() jobId: string;
}

export class NotificationSettingsDto {
  @ApiProperty({ description: 'Notifications also sent by e-mail (they always show in the app)' })
  emailEnabled: boolean;
  @ApiProperty({ description: 'Whether the platform sends e-mails at all (SMTP configured)' }) smtpConfigured: boolean;
}

export class UpdateNotificationSettingsDto {
  @ApiProperty() @IsBoolean() emailEnabled: boolean;
}
