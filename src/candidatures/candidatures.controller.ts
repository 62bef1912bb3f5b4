import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { sendDownload } from '../common/download';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrorCode, CommonException } from '../common/errors/app.exception';
import { PilotErrorCode } from '../pilots/pilots.exception';
import { CandidatureAttachmentsService } from './candidature-attachments.service';
import { CandidatureDecisionService } from './candidature-decision.service';
import { CandidatureEngagementService } from './candidature-engagement.service';
import { CandidatureIntakeService } from './candidature-intake.service';
import { CandidatureRetentionService } from './candidature-retention.service';
import { AttachmentDto, CandidatureDto, RetentionRunDto } from './candidatures.dto';
import { CandidaturesErrorCode } from './candidatures.exception';
import { CandidaturesService } from './candidatures.service';
import { DecideDto, DecisionResultDto, ReopenDto } from './decision.dto';
import { EngagementDto, SubmitIntentionDto, UploadAttachmentDto } from './letters.dto';
import { RankingService } from './ranking.service';

const READERS = ['lead', 'committee'] as const;
const E = CandidaturesErrorCode;
const C = CommonErrorCode;

/** The lead's and the committee's side of a candidature. */
@ApiTags('calls')
@Controller('candidatures')
export class CandidaturesController {
  constructor(
    private readonly candidatures: CandidaturesService,
    private readonly intake: CandidatureIntakeService,
    private readonly engagement: CandidatureEngagementService,
    private readonly files: CandidatureAttachmentsService,
    private readonly decisions: CandidatureDecisionService,
    private readonly ranked: RankingService,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get a candidature' })
  @ApiErrors(E.CandidatureNotFound)
  @Roles(...READERS)
  @ApiOkResponse({ type: CandidatureDto })
  async get(@Param('id', ParseUUIDPipe) id: string, @Ctx() ctx: RequestContext): Promise<CandidatureDto> {
    const [view] = await this.ranked.mask(ctx, [await this.candidatures.get(id)]);
    return view;
  }

  @Get(':id/acknowledgement')
  @ApiOperation({ summary: "The candidature's acknowledgement of receipt as a PDF (without the private link)" })
  @ApiErrors(E.CandidatureNotFound, C.Unavailable)
  @Roles('lead')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The acknowledgement PDF' })
  async acknowledgement(@Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    await this.candidatures.get(id);
    const { pdf, filename } = await this.intake.acknowledgementPdf({ id }).catch((e: unknown) => {
      throw new CommonException(C.Unavailable, `The acknowledgement was not printed: ${String(e)}`).withFrenchDetail(
        'L’accusé de réception ne peut pas être imprimé pour le moment. Réessayez plus tard.',
      );
    });
    await sendDownload(reply, { content: pdf, contentType: 'application/pdf', filename, cache: 'private' });
  }

  @Put(':id/intention')
  @ApiOperation({ summary: "Amend a candidature's intention" })
  @ApiErrors(E.CandidatureNotFound, E.DeadlinePassed, E.AlreadyDecided)
  @Roles('lead')
  @ApiOkResponse({ type: CandidatureDto })
  async amendIntention(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SubmitIntentionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CandidatureDto> {
    await this.intake.amendIntention(ctx, { id }, body);
    return this.candidatures.get(id);
  }

  @Put(':id/engagement')
  @ApiOperation({ summary: "Submit or amend a candidature's engagement letter" })
  @ApiErrors(E.CandidatureNotFound, E.DeadlinePassed, E.AlreadyDecided)
  @Roles('lead')
  @ApiOkResponse({ type: CandidatureDto })
  async submitEngagement(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EngagementDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CandidatureDto> {
    await this.engagement.submitEngagement(ctx, { id }, body);
    return this.candidatures.get(id);
  }

  @Post(':id/attachments')
  @ApiOperation({ summary: 'Attach a PDF to the engagement letter, on the commune’s behalf' })
  @ApiErrors(
    E.CandidatureNotFound,
    E.DeadlinePassed,
    E.AlreadyDecided,
    C.PayloadTooLarge,
    C.UnsupportedMediaType,
    C.InvalidInput,
    C.Conflict,
  )
  @Roles('lead')
  @ApiCreatedResponse({ type: AttachmentDto })
  attach(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UploadAttachmentDto,
    @Ctx() ctx: RequestContext,
  ): Promise<AttachmentDto> {
    return this.files.add(ctx, { id }, body);
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download a document attached to the engagement letter' })
  @ApiErrors(E.CandidatureNotFound, C.NotFound)
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF' })
  async attachment(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendDownload(reply, { ...(await this.files.download({ id }, attachmentId)), cache: 'private' });
  }

  @Post(':id/reopen')
  @ApiOperation({ summary: "Reopen a phase's deadline for one candidature" })
  @ApiErrors(E.CandidatureNotFound, E.AlreadyDecided, E.InvalidReopen)
  @HttpCode(200)
  @Roles('lead')
  @ApiOkResponse({ type: CandidatureDto })
  reopen(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReopenDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CandidatureDto> {
    return this.engagement.reopen(ctx, id, body);
  }

  @Post(':id/decision')
  @ApiOperation({ summary: 'Decide on a candidature (selecting it creates the pilot)' })
  @ApiErrors(
    E.CandidatureNotFound,
    E.AlreadyDecided,
    E.EngagementMissing,
    E.JustificationRequired,
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
    return this.decisions.decide(ctx, id, body);
  }
}

/** Routes about candidatures that are not one candidature's: the dossier search, the retention rule. */
@ApiTags('calls')
@Controller()
export class DossiersController {
  constructor(
    private readonly candidatures: CandidaturesService,
    private readonly retention: CandidatureRetentionService,
    private readonly ranked: RankingService,
  ) {}

  @Post('retention-runs/candidatures')
  @ApiOperation({ summary: 'Apply the personal-data retention rule now (the daily job does it every night)' })
  @HttpCode(200)
  @Roles('lead')
  @ApiOkResponse({ type: RetentionRunDto })
  runRetention(): Promise<RetentionRunDto> {
    return this.retention.run();
  }

  @Get('dossiers/:dossierNumber')
  @ApiOperation({ summary: 'Find a candidature by its dossier number (K-2026-0007)' })
  @ApiErrors(E.CandidatureNotFound)
  @Roles(...READERS)
  @ApiOkResponse({ type: CandidatureDto })
  async byDossier(@Param('dossierNumber') dossierNumber: string, @Ctx() ctx: RequestContext): Promise<CandidatureDto> {
    const [view] = await this.ranked.mask(ctx, [await this.candidatures.byDossierNumber(dossierNumber)]);
    return view;
  }
}
