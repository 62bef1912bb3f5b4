import { sendDownload } from '../common/download';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, PilotScope, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { sendTable } from '../common/export';
import {
  CreateLedgerEntryDto,
  FundingSummaryDto,
  LedgerEntryDto,
  LedgerPageDto,
  LedgerQueryDto,
  ReverseLedgerEntryDto,
  UploadReceiptDto,
} from './funding.dto';
import { FundingErrorCode, FundingException } from './funding.exception';
import { FundingService } from './funding.service';
import type { EntryWrite } from './ledger-entries';
import { LedgerWritesService } from './ledger-writes.service';
import { ReceiptsService } from './receipts.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { isIdempotencyKey } from '../common/idempotency';
import { ActorErrorCode } from '../actors/actors.exception';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: true,
  description:
    'One key per submission (per user, kept at least 24 h): a retry with the same key and body returns the first response and writes nothing',
};

/** Idempotency-Key is required on every POST that creates an entry: a retry must never write twice. */
function idempotencyKey(raw: string | undefined): string {
  if (!isIdempotencyKey(raw)) {
    throw new FundingException(
      FundingErrorCode.IdempotencyKeyRequired,
      'Send an Idempotency-Key header (1 to 200 visible ASCII characters), one per submission',
    );
  }
  return raw;
}

function replyWith(reply: FastifyReply, write: EntryWrite): LedgerEntryDto {
  if (write.replayed) void reply.header('idempotent-replayed', 'true');
  return write.entry;
}

@ApiTags('funding')
@Controller('pilots/:id')
export class FundingController {
  constructor(
    private readonly funding: FundingService,
    private readonly ledger: LedgerWritesService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Get('funding')
  @ApiOperation({ summary: "A pilot's funding: entitlements, balances, schedule and autonomy ratio" })
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiOkResponse({ type: FundingSummaryDto })
  summary(@Param('id') pilotId: string): Promise<FundingSummaryDto> {
    return this.funding.summary(pilotId);
  }

  @Get('ledger')
  @ApiOperation({ summary: "A pilot's ledger (a JSON page, or every entry as CSV or XLSX)" })
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiOkResponse({
    type: LedgerPageDto,
    description: '{ items, nextCursor }, or a CSV/XLSX file (every matching entry, with totals) with ?format=',
  })
  async list(
    @Param('id') pilotId: string,
    @Query() q: LedgerQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LedgerPageDto | undefined> {
    if (q.format === 'csv' || q.format === 'xlsx') {
      const t = await this.funding.exportTable(pilotId, q);
      await sendTable(reply, q.format, t.filename, t.columns, t.rows, t.totals);
      return undefined;
    }
    return this.funding.entries(pilotId, q);
  }

  @Post('ledger')
  @ApiOperation({ summary: 'Record a ledger entry (one Idempotency-Key per submission)' })
  @ApiErrors(
    FundingErrorCode.IdempotencyKeyRequired,
    FundingErrorCode.IdempotencyKeyReused,
    FundingErrorCode.PilotNotStarted,
    FundingErrorCode.OverEntitlement,
    FundingErrorCode.ActorNotInPilot,
    FundingErrorCode.EntryTypeForbidden,
    FundingErrorCode.YearContradictsDate,
    FundingErrorCode.AttributionForbidden,
    ActorErrorCode.YearOutOfRange,
  )
  @Roles('lead', 'coordinator')
  @PilotScope('id')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: LedgerEntryDto })
  async create(
    @Param('id') pilotId: string,
    @Body() body: CreateLedgerEntryDto,
    @Headers('idempotency-key') key: string | undefined,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LedgerEntryDto> {
    return replyWith(reply, await this.ledger.create(ctx, pilotId, body, idempotencyKey(key)));
  }

  @Post('ledger/:entryId/reversal')
  @ApiOperation({ summary: 'Reverse a ledger entry (one Idempotency-Key per submission)' })
  @ApiErrors(
    FundingErrorCode.IdempotencyKeyRequired,
    FundingErrorCode.IdempotencyKeyReused,
    FundingErrorCode.EntryNotFound,
    FundingErrorCode.AlreadyReversed,
    FundingErrorCode.ReversalNotReversible,
  )
  @Roles('lead')
  @PilotScope('id')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: LedgerEntryDto, description: 'The reversal entry' })
  async reverse(
    @Param('id') pilotId: string,
    @Param('entryId', ParseUUIDPipe) entryId: string,
    @Body() body: ReverseLedgerEntryDto,
    @Headers('idempotency-key') key: string | undefined,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LedgerEntryDto> {
    return replyWith(reply, await this.ledger.reverse(ctx, pilotId, entryId, body.reason, idempotencyKey(key)));
  }

  @Post('ledger/:entryId/receipt')
  @ApiOperation({ summary: 'Attach a receipt to a ledger entry (PDF, JPEG or PNG)' })
  @ApiErrors(
    FundingErrorCode.EntryNotFound,
    FundingErrorCode.EntryTypeForbidden,
    FundingErrorCode.ReceiptExists,
    FundingErrorCode.ReceiptNotAllowed,
    FundingErrorCode.ReceiptTooLarge,
    FundingErrorCode.ReceiptTypeNotAllowed,
  )
  @HttpCode(201)
  @Roles('lead', 'coordinator')
  @PilotScope('id')
  @ApiCreatedResponse({ type: LedgerEntryDto, description: 'The entry with its receipt' })
  attachReceipt(
    @Param('id') pilotId: string,
    @Param('entryId', ParseUUIDPipe) entryId: string,
    @Body() body: UploadReceiptDto,
    @Ctx() ctx: RequestContext,
  ): Promise<LedgerEntryDto> {
    return this.receipts.attachReceipt(ctx, pilotId, entryId, body);
  }

  @Get('ledger/:entryId/receipt')
  @ApiOperation({ summary: "Download a ledger entry's receipt" })
  @ApiErrors(FundingErrorCode.ReceiptNotFound)
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOkResponse({ description: 'The receipt file' })
  async receipt(
    @Param('id') pilotId: string,
    @Param('entryId', ParseUUIDPipe) entryId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const r = await this.receipts.receipt(pilotId, entryId);
    await sendDownload(reply, {
      content: r.content,
      contentType: r.contentType,
      filename: r.filename,
      sha256: r.sha256,
      cache: 'private',
    });
  }
}
