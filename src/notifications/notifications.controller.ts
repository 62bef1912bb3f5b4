import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { CommonErrorCode, CommonException } from '../common/errors/app.exception';
import {
  NotificationDto,
  NotificationListDto,
  NotificationSettingsDto,
  UpdateNotificationSettingsDto,
  ReadAllDto,
  RunRemindersDto,
  RunRemindersResultDto,
} from './notifications.dto';
import { NotificationsService } from './notifications.service';
import { RemindersService } from './reminders.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { NotificationsErrorCode } from './notifications.exception';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => CommonException.notFound('Notification') });

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly reminders: RemindersService,
  ) {}

  @Get('notifications')
  @Roles('lead', 'coordinator', 'committee', 'reviewer')
  @ApiOperation({ summary: 'The caller’s own notifications, with the unread count' })
  @ApiOkResponse({ type: NotificationListDto })
  mine(@Ctx() ctx: RequestContext): Promise<NotificationListDto> {
    return this.notifications.mine(ctx);
  }

  @Get('notifications/settings')
  @ApiOperation({ summary: 'My notification settings (e-mails on or off)' })
  @Roles('lead', 'coordinator', 'committee', 'reviewer')
  @ApiOkResponse({ type: NotificationSettingsDto })
  settings(@Ctx() ctx: RequestContext): Promise<NotificationSettingsDto> {
    return this.notifications.settings(ctx);
  }

  @Patch('notifications/settings')
  @Roles('lead', 'coordinator', 'committee', 'reviewer')
  @ApiOperation({ summary: 'The caller’s own choice to receive notifications by e-mail' })
  @ApiOkResponse({ type: NotificationSettingsDto })
  updateSettings(
    @Body() body: UpdateNotificationSettingsDto,
    @Ctx() ctx: RequestContext,
  ): Promise<NotificationSettingsDto> {
    return this.notifications.updateSettings(ctx, body);
  }

  @Post('notifications/read-all')
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @Roles('lead', 'coordinator', 'committee', 'reviewer')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadAllDto })
  readAll(@Ctx() ctx: RequestContext): Promise<ReadAllDto> {
    return this.notifications.markAllRead(ctx);
  }

  @Post('notifications/:id/read')
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiErrors(NotificationsErrorCode.NotificationNotFound, CommonErrorCode.NotFound)
  @Roles('lead', 'coordinator', 'committee', 'reviewer')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationDto })
  read(@Param('id', uuid) id: string, @Ctx() ctx: RequestContext): Promise<NotificationDto> {
    return this.notifications.markRead(ctx, id);
  }

  @Post('reminders/run')
  @Roles('lead')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queues the daily reminders job now (it also runs every day at 06:00, Paris time)' })
  @ApiAcceptedResponse({ type: RunRemindersResultDto })
  run(@Body() body: RunRemindersDto): Promise<RunRemindersResultDto> {
    return this.reminders.enqueueNow(body.date);
  }
}
