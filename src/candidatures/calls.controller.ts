import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { sendTable } from '../common/export';
import { ListQueryDto } from '../common/list-query.dto';
import { CallDto, CallPageDto, CreateCallDto, UpdateCallDto } from './calls.dto';
import { CallsService } from './calls.service';
import { CandidatureIntakeService } from './candidature-intake.service';
import { CandidaturePageDto, CreatedCandidatureDto } from './candidatures.dto';
import { CandidaturesErrorCode } from './candidatures.exception';
import { CANDIDATURE_COLUMNS, EVALUATION_COLUMNS } from './candidatures.export';
import { CandidaturesService } from './candidatures.service';
import { RankingDto } from './committee.dto';
import { EvaluationDto, ExportQueryDto } from './decision.dto';
import { SubmitIntentionDto } from './letters.dto';
import { RankingService } from './ranking.service';

const READERS = ['lead', 'committee'] as const;

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(
    private readonly calls: CallsService,
    private readonly candidatures: CandidaturesService,
    private readonly intake: CandidatureIntakeService,
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
    return this.intake.submitIntention(ctx, callId, body, 'entered');
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
