import { sendDownload } from '../common/download';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, PilotScope, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import type { ReportFormat } from './report.types';
import {
  CreatePilotReportDto,
  CreateWaveReportDto,
  ReportDto,
  ReportPageDto,
  ReportQueuedDto,
  ReportsQueryDto,
} from './reports.dto';
import { ReportIssuing } from './report-issuing.service';
import { ReportsService } from './reports.service';
import { CreateReportCommentDto, ReportCommentDto, ReportReviewsDto } from './report-reviews.dto';
import { ReportReviewsService } from './report-reviews.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrorCode } from '../common/errors/app.exception';
import { CandidaturesErrorCode } from '../candidatures/candidatures.exception';
import { ReportErrorCode } from './reports.exception';

const queued = (r: { id: string; status: ReportDto['status']; version: number }): ReportQueuedDto => ({
  id: r.id,
  status: r.status,
  version: r.version,
});

@ApiTags('reports')
@Controller('pilots/:id/reports')
export class PilotReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @ApiOperation({ summary: 'Queue a report of a pilot for one project year' })
  @ApiErrors(
    ReportErrorCode.ReportYearOutOfRange,
    ReportErrorCode.ReportPilotNotStarted,
    CommonErrorCode.QueueUnavailable,
  )
  @HttpCode(202)
  @Roles('lead')
  @PilotScope('id')
  @ApiAcceptedResponse({
    type: ReportQueuedDto,
    description: 'Queued (or the version still in progress for the same year and audience)',
  })
  async create(
    @Ctx() ctx: RequestContext,
    @Param('id') pilotId: string,
    @Body() body: CreatePilotReportDto,
  ): Promise<ReportQueuedDto> {
    return queued(await this.reports.createForPilot(ctx, pilotId, body));
  }

  @Get()
  @ApiOperation({ summary: "List a pilot's reports" })
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiOkResponse({ type: ReportPageDto, description: 'Every version, newest first' })
  list(@Ctx() ctx: RequestContext, @Param('id') pilotId: string, @Query() q: ReportsQueryDto): Promise<ReportPageDto> {
    return this.reports.list(ctx, { pilotId, year: q.year, audience: q.audience, limit: q.limit, cursor: q.cursor });
  }
}

/** Wave reports cover every pilot of a call: leads only, to create and to read. */
@ApiTags('reports')
@Controller('calls/:id/reports')
export class CallReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @ApiOperation({ summary: 'Queue a wave report of a call' })
  @ApiErrors(CandidaturesErrorCode.CallNotFound, CommonErrorCode.QueueUnavailable)
  @HttpCode(202)
  @Roles('lead')
  @ApiAcceptedResponse({ type: ReportQueuedDto })
  async create(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) callId: string,
    @Body() body: CreateWaveReportDto,
  ): Promise<ReportQueuedDto> {
    return queued(await this.reports.createForCall(ctx, callId, body));
  }

  @Get()
  @ApiOperation({ summary: "List a call's wave reports" })
  @Roles('lead')
  @ApiOkResponse({ type: ReportPageDto })
  list(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) callId: string,
    @Query() q: ReportsQueryDto,
  ): Promise<ReportPageDto> {
    return this.reports.list(ctx, { callId, year: q.year, audience: q.audience, limit: q.limit, cursor: q.cursor });
  }
}

/**
 * One report by id. The same routes serve pilot and wave reports, so the scope is checked by the service
 * (pilot reports: the pilot's members; wave reports: leads), answering 404 outside it like the guard does.
 */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly issuing: ReportIssuing,
    private readonly reviews: ReportReviewsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List the reports I may read' })
  @Roles('lead', 'coordinator', 'reviewer')
  @ApiOkResponse({ type: ReportPageDto, description: 'Every report the caller may see, newest first' })
  list(@Ctx() ctx: RequestContext, @Query() q: ReportsQueryDto): Promise<ReportPageDto> {
    return this.reports.list(ctx, { year: q.year, audience: q.audience, limit: q.limit, cursor: q.cursor });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a report and its progress' })
  @ApiErrors(ReportErrorCode.ReportNotFound)
  @Roles('lead', 'coordinator', 'reviewer')
  @ApiOkResponse({ type: ReportDto })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ReportDto> {
    return this.reports.get(ctx, id);
  }

  @Post(':id/issue')
  @ApiOperation({ summary: 'Issue a report (it can no longer change)' })
  @ApiErrors(ReportErrorCode.ReportNotFound, ReportErrorCode.ReportNotReady, ReportErrorCode.ReportAlreadyIssued)
  @HttpCode(200)
  @Roles('lead')
  @ApiOkResponse({ type: ReportDto })
  issue(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ReportDto> {
    return this.issuing.issue(ctx, id);
  }

  @Get(':id/reviews')
  @ApiOperation({ summary: "Reviewers' comments, decisions and the versions of a report" })
  @ApiErrors(ReportErrorCode.ReportNotFound)
  @Roles('lead', 'coordinator', 'reviewer')
  @ApiOkResponse({ type: ReportReviewsDto, description: "Reviewers' comments and decisions, and the series' versions" })
  listReviews(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ReportReviewsDto> {
    return this.reviews.reviews(ctx, id);
  }

  @Post(':id/comments')
  @ApiOperation({ summary: 'Comment on a draft report, optionally approving it or asking for changes' })
  @ApiErrors(ReportErrorCode.ReportNotFound, ReportErrorCode.ReportNotReady, ReportErrorCode.ReportReviewClosed)
  @HttpCode(201)
  @Roles('reviewer')
  @ApiCreatedResponse({ type: ReportCommentDto, description: 'A comment on a draft, with or without a decision' })
  comment(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateReportCommentDto,
  ): Promise<ReportCommentDto> {
    return this.reviews.comment(ctx, id, body);
  }

  @Get(':id/html')
  @ApiOperation({ summary: "A report's HTML" })
  @ApiErrors(ReportErrorCode.ReportNotFound, ReportErrorCode.ReportNotReady)
  @Roles('lead', 'coordinator', 'reviewer')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The printable, self-contained HTML page' })
  html(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    return this.send(ctx, id, 'html', reply);
  }

  @Get(':id/pdf')
  @ApiOperation({ summary: "A report's PDF" })
  @ApiErrors(ReportErrorCode.ReportNotFound, ReportErrorCode.ReportNotReady)
  @Roles('lead', 'coordinator', 'reviewer')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF (A4)' })
  pdf(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    return this.send(ctx, id, 'pdf', reply);
  }

  @Get(':id/xlsx')
  @ApiOperation({ summary: "A report's spreadsheet annex (XLSX)" })
  @ApiErrors(ReportErrorCode.ReportNotFound, ReportErrorCode.ReportNotReady)
  @Roles('lead', 'coordinator', 'reviewer')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The spreadsheet annex' })
  xlsx(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    return this.send(ctx, id, 'xlsx', reply);
  }

  private async send(ctx: RequestContext, id: string, format: ReportFormat, reply: FastifyReply): Promise<void> {
    const f = await this.reports.file(ctx, id, format);
    // The report page needs no script and no network; the client previews it in a same-origin frame.
    if (format === 'html')
      void reply.header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
      );
    // The HTML is shown inline (preview); PDF and XLSX download.
    await sendDownload(reply, {
      content: f.content,
      contentType: f.contentType,
      filename: f.filename,
      inline: format === 'html',
      sha256: f.sha256,
      cache: 'private',
    });
  }
}
