import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, PilotScope, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import {
  AmendmentDto,
  AmendmentHistoryDto,
  ClosePilotDto,
  CreateAmendmentDto,
  CreatePilotDto,
  PilotDto,
  PilotPageDto,
  PilotQueryDto,
  UpdatePilotDto,
} from './pilots.dto';
import { PilotClosureService } from './pilot-closure.service';
import { PilotsService } from './pilots.service';
import { PilotAmendmentsService } from './pilot-amendments.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { PilotErrorCode } from './pilots.exception';

@ApiTags('pilots')
@Controller('pilots')
export class PilotsController {
  constructor(
    private readonly pilots: PilotsService,
    private readonly closure: PilotClosureService,
    private readonly pilotAmendments: PilotAmendmentsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a pilot' })
  @ApiErrors(PilotErrorCode.StartDateRequired, PilotErrorCode.CandidatureHasPilot)
  @Roles('lead')
  @ApiCreatedResponse({ type: PilotDto })
  create(@Body() body: CreatePilotDto, @Ctx() ctx: RequestContext): Promise<PilotDto> {
    return this.pilots.create(ctx, body);
  }

  @Get()
  @ApiOperation({ summary: "List pilots (the caller's own; every pilot for a lead)" })
  @Roles('lead', 'coordinator', 'reviewer')
  @ApiOkResponse({ type: PilotPageDto, description: "Only the caller's pilots (all of them for a lead)" })
  list(@Query() q: PilotQueryDto, @Ctx() ctx: RequestContext): Promise<PilotPageDto> {
    return this.pilots.list(ctx, { status: q.status, waveYear: q.waveYear, limit: q.limit, cursor: q.cursor });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a pilot' })
  @ApiErrors(PilotErrorCode.PilotNotFound)
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiOkResponse({ type: PilotDto })
  get(@Param('id', ParseUUIDPipe) id: string, @Ctx() ctx: RequestContext): Promise<PilotDto> {
    return this.pilots.get(ctx, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a pilot' })
  @ApiErrors(PilotErrorCode.StartDateRequired, PilotErrorCode.StartAfterAmendment)
  @Roles('lead')
  @PilotScope('id')
  @ApiOkResponse({ type: PilotDto })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePilotDto,
    @Ctx() ctx: RequestContext,
  ): Promise<PilotDto> {
    return this.pilots.update(ctx, id, body);
  }

  @Post(':id/amendments')
  @ApiOperation({ summary: 'Amend the inhabitants figure from a date' })
  @ApiErrors(PilotErrorCode.AmendmentBeforeStart)
  @Roles('lead')
  @PilotScope('id')
  @ApiCreatedResponse({ type: AmendmentDto })
  amend(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateAmendmentDto,
    @Ctx() ctx: RequestContext,
  ): Promise<AmendmentDto> {
    return this.pilotAmendments.amend(ctx, id, body);
  }

  @Get(':id/amendments')
  @ApiOperation({ summary: "History of a pilot's inhabitants figure" })
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiOkResponse({ type: AmendmentHistoryDto })
  amendments(@Param('id', ParseUUIDPipe) id: string): Promise<AmendmentHistoryDto> {
    return this.pilotAmendments.amendments(id);
  }

  @Post(':id/closure')
  @ApiOperation({ summary: "Record the lead's closing decision once the programme is over" })
  @ApiErrors(PilotErrorCode.PilotNotFound, PilotErrorCode.PilotAlreadyClosed, PilotErrorCode.ProgrammeNotOver)
  @HttpCode(200)
  @Roles('lead')
  @PilotScope('id')
  @ApiOkResponse({ type: PilotDto, description: 'The closing decision, once, after the last operating year' })
  close(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ClosePilotDto,
    @Ctx() ctx: RequestContext,
  ): Promise<PilotDto> {
    return this.closure.close(ctx, id, body);
  }
}
