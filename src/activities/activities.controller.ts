import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, PilotScope, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { Column, sendTable } from '../common/export';
import { label } from '../common/labels-fr';
import {
  ActivityDto,
  ActivityPageDto,
  ActivityQueryDto,
  CreateActivityDto,
  PilotOverviewDto,
  UpdateActivityDto,
} from './activities.dto';
import { ActivitiesService } from './activities.service';
import { ActivityIdempotencyService } from './activity-idempotency.service';
import type { Activity } from './activities.types';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { ActivityErrorCode } from './activities.exception';
import { ActorErrorCode } from '../actors/actors.exception';
import { FundingErrorCode } from '../funding/funding.exception';

const ACTIVITY_COLUMNS: Column<Activity>[] = [
  { header: 'Date', value: (a) => a.date, kind: 'date', width: 12 },
  { header: 'Année du projet', value: (a) => a.projectYear, kind: 'number' },
  { header: 'Titre', value: (a) => a.title, width: 36 },
  { header: 'Type', value: (a) => label('activityType', a.type), width: 20 },
  { header: 'Politiques publiques', value: (a) => a.policies.map((p) => label('policy', p)).join(' ; '), width: 40 },
  { header: 'Participants', value: (a) => a.participants, kind: 'number' },
  { header: 'Bénévoles', value: (a) => a.volunteers, kind: 'number' },
  { header: 'Heures de bénévolat', value: (a) => a.volunteerHours, kind: 'number' },
  { header: 'Acteurs impliqués', value: (a) => a.actors.map((x) => x.name).join(' ; '), width: 40 },
  {
    header: "Niveau d'implication",
    value: (a) => (a.participationLevel ? label('participation', a.participationLevel) : ''),
    width: 16,
  },
  { header: 'Réemploi (kg)', value: (a) => a.divertedKg.reuse, kind: 'number' },
  { header: 'Réparation (kg)', value: (a) => a.divertedKg.repair, kind: 'number' },
  { header: 'Compostage (kg)', value: (a) => a.divertedKg.compost, kind: 'number' },
  { header: 'Recyclage (kg)', value: (a) => a.divertedKg.recycling, kind: 'number' },
  { header: 'Autre (kg)', value: (a) => a.divertedKg.other, kind: 'number' },
  { header: 'Total détourné (kg)', value: (a) => a.divertedKg.total, kind: 'number' },
  { header: 'Notes', value: (a) => a.notes ?? '', width: 50 },
];

const WRITERS = ['lead', 'coordinator'] as const;
const READERS = ['lead', 'coordinator', 'reviewer'] as const;
/** An export carries every matching row; a pilot logs a few hundred activities over three years. */
const EXPORT_LIMIT = 100_000;

@ApiTags('activities')
@Controller('pilots/:id')
export class ActivitiesController {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly once: ActivityIdempotencyService,
  ) {}

  @Post('activities')
  @ApiOperation({ summary: 'Log an activity of a pilot (an optional Idempotency-Key makes a retry safe)' })
  @ApiErrors(
    ActivityErrorCode.PilotEnded,
    ActivityErrorCode.DateBeforePilotLife,
    ActivityErrorCode.DateInFuture,
    ActivityErrorCode.VolunteerHoursImplausible,
    FundingErrorCode.IdempotencyKeyRequired,
    ActivityErrorCode.IdempotencyKeyMismatch,
    ActorErrorCode.UnknownActor,
  )
  @Roles(...WRITERS)
  @PilotScope('id')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'One key per activity (per user, kept 30 days): a retry with the same key and body returns the first activity and logs nothing; another body gets 422 idempotency_key_mismatch',
  })
  @ApiCreatedResponse({ type: ActivityDto })
  async create(
    @Param('id') pilotId: string,
    @Body() body: CreateActivityDto,
    @Ctx() ctx: RequestContext,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActivityDto> {
    const write = await this.once.create(ctx, pilotId, body, ActivityIdempotencyService.key(key));
    if (write.replayed) void reply.header('idempotent-replayed', 'true');
    return write.activity;
  }

  @Get('activities')
  @ApiOperation({ summary: "List a pilot's activities (a JSON page, or every row as CSV or XLSX)" })
  @Roles(...READERS)
  @PilotScope('id')
  @ApiOkResponse({
    type: ActivityPageDto,
    description: '{ items, nextCursor } newest first, or a CSV/XLSX file with ?format=',
  })
  async list(
    @Param('id') pilotId: string,
    @Query() q: ActivityQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActivityPageDto | void> {
    const filters = { from: q.from, to: q.to, policy: q.policy, type: q.type };
    if (q.format === 'csv' || q.format === 'xlsx') {
      const all = await this.activities.list(pilotId, { ...filters, limit: EXPORT_LIMIT });
      await sendTable(reply, q.format, 'activites', ACTIVITY_COLUMNS, all.items);
      return;
    }
    return this.activities.list(pilotId, { ...filters, limit: q.limit, cursor: q.cursor });
  }

  @Get('activities/:activityId')
  @ApiOperation({ summary: 'Get one activity' })
  @ApiErrors(ActivityErrorCode.ActivityNotFound)
  @Roles(...READERS)
  @PilotScope('id')
  @ApiOkResponse({ type: ActivityDto })
  get(@Param('id') pilotId: string, @Param('activityId', ParseUUIDPipe) activityId: string): Promise<ActivityDto> {
    return this.activities.get(pilotId, activityId);
  }

  @Patch('activities/:activityId')
  @ApiOperation({ summary: 'Update an activity' })
  @ApiErrors(
    ActivityErrorCode.ActivityNotFound,
    ActivityErrorCode.DateBeforePilotLife,
    ActivityErrorCode.DateInFuture,
    ActivityErrorCode.VolunteerHoursImplausible,
    ActorErrorCode.UnknownActor,
  )
  @Roles(...WRITERS)
  @PilotScope('id')
  @ApiOkResponse({ type: ActivityDto })
  update(
    @Param('id') pilotId: string,
    @Param('activityId', ParseUUIDPipe) activityId: string,
    @Body() body: UpdateActivityDto,
    @Ctx() ctx: RequestContext,
  ): Promise<ActivityDto> {
    return this.activities.update(ctx, pilotId, activityId, body);
  }

  @Delete('activities/:activityId')
  @ApiOperation({ summary: 'Delete an activity' })
  @ApiErrors(ActivityErrorCode.ActivityNotFound)
  @HttpCode(204)
  @Roles(...WRITERS)
  @PilotScope('id')
  remove(
    @Param('id') pilotId: string,
    @Param('activityId', ParseUUIDPipe) activityId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    return this.activities.delete(ctx, pilotId, activityId);
  }

  @Get('overview')
  @ApiOperation({ summary: "A pilot's overview: activity, contribution and network figures per project year" })
  @Roles(...READERS)
  @PilotScope('id')
  @ApiOkResponse({ type: PilotOverviewDto })
  overview(@Param('id') pilotId: string): Promise<PilotOverviewDto> {
    return this.activities.overview(pilotId);
  }
}
