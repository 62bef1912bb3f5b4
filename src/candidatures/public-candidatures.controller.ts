import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { sendDownload } from '../common/download';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrorCode, CommonException } from '../common/errors/app.exception';
import { Public } from '../common/public.decorator';
import { PublicCallDto } from './calls.dto';
import { CandidatureAttachmentsService } from './candidature-attachments.service';
import { CandidatureEngagementService } from './candidature-engagement.service';
import { CandidatureIntakeService } from './candidature-intake.service';
import { AttachmentDto, CreatedCandidatureDto, PublicCandidatureDto, RecoveryAnswerDto } from './candidatures.dto';
import { CandidaturesErrorCode } from './candidatures.exception';
import { CandidaturesService } from './candidatures.service';
import { EngagementDto, RecoverLinkDto, SubmitIntentionDto, UploadAttachmentDto } from './letters.dto';

const E = CandidaturesErrorCode;
const C = CommonErrorCode;
/** The same answer whether or not the address is on file: « lien perdu ? » tells nobody who applied. */
export const RECOVERY_ANSWER =
  'Si cette adresse correspond à une candidature, un nouveau lien privé vient d’y être envoyé. L’ancien lien ne fonctionne plus.';

/** The commune's side, without an account: the open call, its letters, its documents, then its private link. */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicCandidaturesController {
  constructor(
    private readonly candidatures: CandidaturesService,
    private readonly intake: CandidatureIntakeService,
    private readonly engagement: CandidatureEngagementService,
    private readonly files: CandidatureAttachmentsService,
  ) {}

  @Get('calls/:id')
  @ApiOperation({ summary: 'A call as the public form shows it' })
  @ApiErrors(E.CallNotFound)
  @ApiOkResponse({ type: PublicCallDto })
  call(@Param('id', ParseUUIDPipe) callId: string): Promise<PublicCallDto> {
    return this.candidatures.getPublicCall(callId);
  }

  @Post('calls/:id/candidatures')
  @ApiOperation({ summary: 'Submit a candidature online (answers its dossier number and private link)' })
  @ApiErrors(E.CallNotFound, E.DeadlinePassed, E.TooManySubmissions)
  @ApiCreatedResponse({
    type: CreatedCandidatureDto,
    description: 'editToken is the commune’s private key, shown only here (and e-mailed with the acknowledgement)',
  })
  submit(
    @Param('id', ParseUUIDPipe) callId: string,
    @Body() body: SubmitIntentionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatedCandidatureDto> {
    return this.intake.submitIntention(ctx, callId, body, 'online');
  }

  @Post('lost-links')
  @ApiOperation({ summary: '« Lien perdu ? »: e-mail a fresh private link to the address on file (the old one stops)' })
  @ApiErrors(E.TooManySubmissions)
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RecoveryAnswerDto })
  async recover(@Body() body: RecoverLinkDto, @Ctx() ctx: RequestContext): Promise<RecoveryAnswerDto> {
    await this.intake.recoverLink(ctx, body);
    return { message: RECOVERY_ANSWER };
  }

  @Get('candidatures/:editToken')
  @ApiOperation({ summary: 'A candidature, by its private link' })
  @ApiErrors(E.InvalidEditToken, E.CandidatureNotFound)
  @ApiOkResponse({ type: PublicCandidatureDto })
  get(@Param('editToken') editToken: string): Promise<PublicCandidatureDto> {
    return this.candidatures.getPublic(editToken);
  }

  @Get('candidatures/:editToken/acknowledgement')
  @ApiOperation({ summary: 'The acknowledgement of receipt as a PDF, by the private link' })
  @ApiErrors(E.InvalidEditToken, C.Unavailable)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The acknowledgement PDF' })
  async acknowledgement(@Param('editToken') editToken: string, @Res() reply: FastifyReply): Promise<void> {
    await this.candidatures.getPublic(editToken);
    const { pdf, filename } = await this.intake.acknowledgementPdf({ editToken }).catch((e: unknown) => {
      throw new CommonException(C.Unavailable, `The acknowledgement was not printed: ${String(e)}`).withFrenchDetail(
        'L’accusé de réception ne peut pas être imprimé pour le moment. Réessayez plus tard.',
      );
    });
    await sendDownload(reply, { content: pdf, contentType: 'application/pdf', filename, cache: 'private' });
  }

  @Put('candidatures/:editToken/intention')
  @ApiOperation({ summary: "Amend a candidature's intention, by its private link" })
  @ApiErrors(E.InvalidEditToken, E.CandidatureNotFound, E.DeadlinePassed, E.AlreadyDecided)
  @ApiOkResponse({ type: PublicCandidatureDto })
  async amendIntention(
    @Param('editToken') editToken: string,
    @Body() body: SubmitIntentionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicCandidatureDto> {
    await this.intake.amendIntention(ctx, { editToken }, body);
    return this.candidatures.getPublic(editToken);
  }

  @Put('candidatures/:editToken/engagement')
  @ApiOperation({ summary: 'Submit or amend the engagement letter, by its private link (needs an e-mail address)' })
  @ApiErrors(E.InvalidEditToken, E.CandidatureNotFound, E.DeadlinePassed, E.AlreadyDecided, E.ContactEmailRequired)
  @ApiOkResponse({ type: PublicCandidatureDto })
  async submitEngagement(
    @Param('editToken') editToken: string,
    @Body() body: EngagementDto,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicCandidatureDto> {
    await this.engagement.submitEngagement(ctx, { editToken }, body);
    return this.candidatures.getPublic(editToken);
  }

  @Post('candidatures/:editToken/attachments')
  @ApiOperation({ summary: 'Attach a PDF (up to 10 MB) to the engagement letter, by the private link' })
  @ApiErrors(
    E.InvalidEditToken,
    E.DeadlinePassed,
    E.AlreadyDecided,
    C.PayloadTooLarge,
    C.UnsupportedMediaType,
    C.InvalidInput,
    C.Conflict,
  )
  @ApiCreatedResponse({ type: AttachmentDto })
  attach(
    @Param('editToken') editToken: string,
    @Body() body: UploadAttachmentDto,
    @Ctx() ctx: RequestContext,
  ): Promise<AttachmentDto> {
    return this.files.add(ctx, { editToken }, body);
  }

  @Get('candidatures/:editToken/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download an attached document, by the private link' })
  @ApiErrors(E.InvalidEditToken, C.NotFound)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF' })
  async attachment(
    @Param('editToken') editToken: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendDownload(reply, { ...(await this.files.download({ editToken }, attachmentId)), cache: 'private' });
  }

  @Delete('candidatures/:editToken/attachments/:attachmentId')
  @ApiOperation({ summary: 'Remove an attached document while the engagement phase is open, by the private link' })
  @ApiErrors(E.InvalidEditToken, C.NotFound, E.DeadlinePassed, E.AlreadyDecided)
  @HttpCode(204)
  removeAttachment(
    @Param('editToken') editToken: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    return this.files.remove(ctx, { editToken }, attachmentId);
  }
}
