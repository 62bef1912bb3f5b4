import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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

@ApiTags('pilots')
@Controller('pilots')
export class PilotsController {
  constructor(
    private readonly pilots: PilotsService,
    private readonly closure: PilotClosureService,
  ) {}

  @Post()
  @Roles('lead')
  @ApiCreatedResponse({ type: PilotDto })
  create(@Body() body: CreatePilotDto, @Ctx() ctx: RequestContext): Promise<PilotDto> {
    return this.pilots.create(ctx, body);
  }

  @Get()
  @Roles('lead', 'coordinator', 'reviewer')
  @ApiOkResponse({ type: PilotPageDto, description: "Only the caller's pilots (all of them for a lead)" })
  list(@Query() q: PilotQueryDto, @Ctx() ctx: RequestContext): Promise<PilotPageDto> {
    return this.pilots.list(ctx, { status: q.status, waveYear: q.waveYear, limit: q.limit, cursor: q.cursor });
  }

  @Get(':id')
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiOkResponse({ type: PilotDto })
  get(@Param('id', ParseUUIDPipe) id: string, @Ctx() ctx: RequestContext): Promise<PilotDto> {
    return this.pilots.get(ctx, id);
  }

  @Patch(':id')
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
  @Roles('lead')
  @PilotScope('id')
  @ApiCreatedResponse({ type: AmendmentDto })
  amend(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateAmendmentDto,
    @Ctx() ctx: RequestContext,
  ): Promise<AmendmentDto> {
    return this.pilots.amend(ctx, id, body);
  }

  @Get(':id/amendments')
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiOkResponse({ type: AmendmentHistoryDto })
  amendments(@Param('id', ParseUUIDPipe) id: string): Promise<AmendmentHistoryDto> {
    return this.pilots.amendments(id);
  }

  @Post(':id/closure')
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
