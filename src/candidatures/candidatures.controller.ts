import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { sendTable } from '../common/export';
import { ListQueryDto } from '../common/list-query.dto';
import { Public } from '../common/public.decorator';
import { CallsService } from './calls.service';
import {
  CallDto,
  CallPageDto,
  CandidatureDto,
  CandidaturePageDto,
  CreateCallDto,
  CreatedCandidatureDto,
  DecideDto,
  DecisionResultDto,
  EngagementDto,
  EvaluationDto,
  ExportQueryDto,
  PublicCallDto,
  PublicCandidatureDto,
  ReopenDto,
  SubmitIntentionDto,
  UpdateCallDto,
} from './candidatures.dto';
import { CANDIDATURE_COLUMNS, EVALUATION_COLUMNS } from './candidatures.export';
import { CandidaturesService } from './candidatures.service';
import { RankingDto } from './committee.dto';
import { RankingService } from './ranking.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CandidaturesErrorCode } from './candidatures.exception';
import { PilotErrorCode } from '../pilots/pilots.exception';

const READERS = ['lead', 'committee'] as const;

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(
    private readonly calls: CallsService,
    private readonly candidatures: CandidaturesService,
    private readonly ranked: RankingService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a call for cooperation' })
  @ApiErrors(CandidaturesErrorCode.InvalidCall)
  @Roles('lead')
  @ApiCreatedResponse({ type: CallDto })
  create(@Body() body: CreateCallDto, @Ctx() ctx: RequestContext): Promise<CallDto> {
    return this.calls.create(ctx, body);
  }

  @Get()
  @ApiOperation({ summary: 'List calls for cooperation' })
  @Roles(...READERS)
  @ApiOkResponse({ type: CallPageDto })
  list(@Query() query: ListQueryDto): Promise<CallPageDto> {
    return this.calls.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a call' })
  @ApiErrors(CandidaturesErrorCode.CallNotFound)
  @Roles(...READERS)
  @ApiOkResponse({ type: CallDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CallDto> {
    return this.calls.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a call (dates, bounds, texts)' })
  @ApiErrors(CandidaturesErrorCode.CallNotFound, CandidaturesErrorCode.InvalidCall)
  @Roles('lead')
  @ApiOkResponse({ type: CallDto })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCallDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CallDto> {
    return this.calls.update(ctx, id, body);
  }

  /** A candidature received by e-mail, entered by the lead on the commune's behalf. */
  @Post(':id/candidatures')
  @ApiOperation({ summary: 'Enter a candidature received outside the online form' })
  @ApiErrors(CandidaturesErrorCode.CallNotFound, CandidaturesErrorCode.DeadlinePassed)
  @Roles('lead')
  @ApiCreatedResponse({ type: CreatedCandidatureDto })
  submit(
    @Param('id', ParseUUIDPipe) callId: string,
    @Body() body: SubmitIntentionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatedCandidatureDto> {
    return this.candidatures.submitIntention(ctx, callId, body, 'entered');
  }

  @Get(':id/candidatures')
  @ApiOperation({ summary: "List a call's candidatures (a JSON page, or every row as CSV or XLSX)" })
  @ApiErrors(CandidaturesErrorCode.CallNotFound)
  @Roles(...READERS)
  @ApiOkResponse({ type: CandidaturePageDto })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async listCandidatures(
    @Param('id', ParseUUIDPipe) callId: string,
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Ctx() ctx: RequestContext,
  ): Promise<CandidaturePageDto | undefined> {
    if (query.format === 'csv' || query.format === 'xlsx') {
      await sendTable(
        reply,
        query.format,
        'candidatures',
        CANDIDATURE_COLUMNS,
        await this.ranked.mask(ctx, await this.candidatures.allForCall(callId)),
      );
      return undefined;
    }
    const page = await this.candidatures.listForCall(callId, query);
    return { ...page, items: await this.ranked.mask(ctx, page.items) };
  }

  @Get(':id/ranking')
  @ApiOperation({ summary: "A call's candidatures ranked by committee score" })
  @ApiErrors(CandidaturesErrorCode.CallNotFound)
  @Roles(...READERS)
  @ApiOkResponse({ type: RankingDto })
  ranking(@Param('id', ParseUUIDPipe) callId: string, @Ctx() ctx: RequestContext): Promise<RankingDto> {
    return this.ranked.ranking(ctx, callId);
  }

  /** The members' scores for the call the caller may see (blind scoring), as JSON or a file. */
  @Get(':id/evaluations')
  @ApiOperation({ summary: "Every committee evaluation of a call's candidatures" })
  @ApiErrors(CandidaturesErrorCode.CallNotFound)
  @Roles(...READERS)
  @ApiOkResponse({ type: [EvaluationDto] })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async evaluations(
    @Param('id', ParseUUIDPipe) callId: string,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Ctx() ctx: RequestContext,
  ): Promise<EvaluationDto[] | undefined> {
    const rows = await this.ranked.evaluationsForCall(ctx, callId);
    if (query.format) {
      await sendTable(reply, query.format, 'evaluations', EVALUATION_COLUMNS, rows);
      return undefined;
    }
    return rows.map(({ communes: _c, ...e }) => e);
  }
}

@ApiTags('calls')
@Controller('candidatures')
export class CandidaturesController {
  constructor(
    private readonly candidatures: CandidaturesService,
    private readonly ranked: RankingService,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get a candidature' })
  @ApiErrors(CandidaturesErrorCode.CandidatureNotFound)
  @Roles(...READERS)
  @ApiOkResponse({ type: CandidatureDto })
  async get(@Param('id', ParseUUIDPipe) id: string, @Ctx() ctx: RequestContext): Promise<CandidatureDto> {
    const [view] = await this.ranked.mask(ctx, [await this.candidatures.get(id)]);
    return view;
  }

  @Put(':id/intention')
  @ApiOperation({ summary: "Amend a candidature's intention" })
  @ApiErrors(
    CandidaturesErrorCode.CandidatureNotFound,
    CandidaturesErrorCode.DeadlinePassed,
    CandidaturesErrorCode.AlreadyDecided,
  )
  @Roles('lead')
  @ApiOkResponse({ type: CandidatureDto })
  async amendIntention(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SubmitIntentionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CandidatureDto> {
    await this.candidatures.amendIntention(ctx, { id }, body);
    return this.candidatures.get(id);
  }

  @Put(':id/engagement')
  @ApiOperation({ summary: "Submit or amend a candidature's engagement letter" })
  @ApiErrors(
    CandidaturesErrorCode.CandidatureNotFound,
    CandidaturesErrorCode.DeadlinePassed,
    CandidaturesErrorCode.AlreadyDecided,
  )
  @Roles('lead')
  @ApiOkResponse({ type: CandidatureDto })
  async engagement(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EngagementDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CandidatureDto> {
    await this.candidatures.submitEngagement(ctx, { id }, body);
    return this.candidatures.get(id);
  }

  @Post(':id/reopen')
  @ApiOperation({ summary: "Reopen a phase's deadline for one candidature" })
  @ApiErrors(
    CandidaturesErrorCode.CandidatureNotFound,
    CandidaturesErrorCode.AlreadyDecided,
    CandidaturesErrorCode.InvalidReopen,
  )
  @HttpCode(200)
  @Roles('lead')
  @ApiOkResponse({ type: CandidatureDto })
  reopen(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReopenDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CandidatureDto> {
    return this.candidatures.reopen(ctx, id, body);
  }

  @Post(':id/decision')
  @ApiOperation({ summary: 'Decide on a candidature (selecting it creates the pilot)' })
  @ApiErrors(
    CandidaturesErrorCode.CandidatureNotFound,
    CandidaturesErrorCode.AlreadyDecided,
    CandidaturesErrorCode.EngagementMissing,
    CandidaturesErrorCode.JustificationRequired,
    PilotErrorCode.CandidatureHasPilot,
  )
  @HttpCode(200)
  @Roles('lead')
  @ApiOkResponse({ type: DecisionResultDto })
  decide(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecideDto,
    @Ctx() ctx: RequestContext,
  ): Promise<DecisionResultDto> {
    return this.candidatures.decide(ctx, id, body);
  }
}

/** The commune's side, without an account: the open call, its letter of intention, then its private link. */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicCandidaturesController {
  constructor(private readonly candidatures: CandidaturesService) {}

  @Get('calls/:id')
  @ApiOperation({ summary: 'A call as the public form shows it' })
  @ApiErrors(CandidaturesErrorCode.CallNotFound)
  @ApiOkResponse({ type: PublicCallDto })
  call(@Param('id', ParseUUIDPipe) callId: string): Promise<PublicCallDto> {
    return this.candidatures.getPublicCall(callId);
  }

  @Post('calls/:id/candidatures')
  @ApiOperation({ summary: 'Submit a candidature online (answers its private link)' })
  @ApiErrors(
    CandidaturesErrorCode.CallNotFound,
    CandidaturesErrorCode.DeadlinePassed,
    CandidaturesErrorCode.TooManySubmissions,
  )
  @ApiCreatedResponse({
    type: CreatedCandidatureDto,
    description: 'editToken is the commune’s private key, shown only here',
  })
  submit(
    @Param('id', ParseUUIDPipe) callId: string,
    @Body() body: SubmitIntentionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatedCandidatureDto> {
    return this.candidatures.submitIntention(ctx, callId, body, 'online');
  }

  @Get('candidatures/:editToken')
  @ApiOperation({ summary: 'A candidature, by its private link' })
  @ApiErrors(CandidaturesErrorCode.InvalidEditToken, CandidaturesErrorCode.CandidatureNotFound)
  @ApiOkResponse({ type: PublicCandidatureDto })
  get(@Param('editToken') editToken: string): Promise<PublicCandidatureDto> {
    return this.candidatures.getPublic(editToken);
  }

  @Put('candidatures/:editToken/intention')
  @ApiOperation({ summary: "Amend a candidature's intention, by its private link" })
  @ApiErrors(
    CandidaturesErrorCode.InvalidEditToken,
    CandidaturesErrorCode.CandidatureNotFound,
    CandidaturesErrorCode.DeadlinePassed,
    CandidaturesErrorCode.AlreadyDecided,
  )
  @ApiOkResponse({ type: PublicCandidatureDto })
  async amendIntention(
    @Param('editToken') editToken: string,
    @Body() body: SubmitIntentionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicCandidatureDto> {
    await this.candidatures.amendIntention(ctx, { editToken }, body);
    return this.candidatures.getPublic(editToken);
  }

  @Put('candidatures/:editToken/engagement')
  @ApiOperation({ summary: 'Submit or amend the engagement letter, by its private link' })
  @ApiErrors(
    CandidaturesErrorCode.InvalidEditToken,
    CandidaturesErrorCode.CandidatureNotFound,
    CandidaturesErrorCode.DeadlinePassed,
    CandidaturesErrorCode.AlreadyDecided,
  )
  @ApiOkResponse({ type: PublicCandidatureDto })
  async engagement(
    @Param('editToken') editToken: string,
    @Body() body: EngagementDto,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicCandidatureDto> {
    await this.candidatures.submitEngagement(ctx, { editToken }, body);
    return this.candidatures.getPublic(editToken);
  }
}
