import { CommonErrorCode } from '../common/errors/app.exception';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { Public } from '../common/public.decorator';
import { CalendarFeedDto } from './calendar.dto';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Post('feed')
  @ApiOperation({ summary: 'Create (or renew) my private calendar feed address' })
  @Roles('lead', 'coordinator', 'committee', 'reviewer')
  @ApiCreatedResponse({
    type: CalendarFeedDto,
    description: 'A new secret feed address; the previous one stops working',
  })
  regenerate(@Ctx() ctx: RequestContext): Promise<CalendarFeedDto> {
    return this.calendar.regenerate(ctx);
  }

  @Delete('feed')
  @ApiOperation({ summary: 'Revoke my calendar feed address' })
  @HttpCode(204)
  @Roles('lead', 'coordinator', 'committee', 'reviewer')
  @ApiNoContentResponse({ description: 'The feed address stops working' })
  async revoke(@Ctx() ctx: RequestContext): Promise<void> {
    await this.calendar.revoke(ctx);
  }

  @Get(':file')
  @ApiOperation({ summary: 'A private calendar feed (ICS), by its secret address' })
  @ApiErrors(CommonErrorCode.NotFound)
  @Public()
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The token owner’s events (ICS), for their calendar application' })
  async feed(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const ics = await this.calendar.feed(file.replace(/\.ics$/, ''));
    await reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(ics);
  }
}
