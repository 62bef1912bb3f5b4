import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendDownload } from '../common/download';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { toCsv } from '../common/export';
import { Public } from '../common/public.decorator';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ReportErrorCode } from '../reports/reports.exception';
import { OpenDataQueryDto } from './publication.dto';
import { CommonErrorCode } from '../common/errors/app.exception';
import { CATALOGUE_COLUMNS, FIGURE_COLUMNS, figureRows } from './open-data.csv';
import { OpenDataService } from './open-data.service';
import type { OpenDataCatalogue, PublicPilotData } from './publication.types';
import { baseUrlOf } from './public-url';

/** Portals harvest these from anywhere: any origin may read them, and shared caches may keep them a few minutes. */
function openForHarvest(reply: FastifyReply): void {
  void reply
    .header('access-control-allow-origin', '*')
    .header('access-control-expose-headers', 'content-disposition, x-content-sha256')
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('cache-control', 'public, max-age=300');
}

async function sendCsv(reply: FastifyReply, filename: string, content: string): Promise<void> {
  await sendDownload(reply, { content, contentType: 'text/csv; charset=utf-8', filename });
}

/** The published pilots' figures as open data (JSON and CSV), under their licence, readable by anyone. */
@ApiTags('open-data')
@Public()
@Controller('open-data/pilots')
export class OpenDataController {
  constructor(
    private readonly openData: OpenDataService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Catalogue of the published pilots (JSON, or CSV with ?format=csv)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{ publisher, licence, items: [{ slug, name, …, pageUrl, dataUrl }] }' })
  async catalogue(
    @Query() q: OpenDataQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OpenDataCatalogue | void> {
    openForHarvest(reply);
    const catalogue = await this.openData.catalogue(baseUrlOf(this.config, request));
    if (q.format === 'csv')
      return sendCsv(reply, 'projet-k-pilotes.csv', toCsv(CATALOGUE_COLUMNS, catalogue.items, [], q.dialect));
    return catalogue;
  }

  @Get(':slug')
  @ApiOperation({ summary: "A published pilot's public figures (JSON, or CSV with ?format=csv)" })
  @ApiErrors(CommonErrorCode.NotFound)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'The document described by docs/open-data.schema.json' })
  async pilot(
    @Param('slug') slug: string,
    @Query() q: OpenDataQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicPilotData | void> {
    openForHarvest(reply);
    const data = await this.openData.pilot(slug, baseUrlOf(this.config, request));
    if (q.format === 'csv')
      return sendCsv(reply, `${data.slug}.csv`, toCsv(FIGURE_COLUMNS, figureRows(data), [], q.dialect));
    return data;
  }

  @Get(':slug/reports/:reportId/pdf')
  @ApiOperation({ summary: 'An issued report of a published pilot (PDF), when the lead published its reports' })
  @ApiErrors(CommonErrorCode.NotFound, ReportErrorCode.ReportNotFound)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF as issued' })
  async report(
    @Param('slug') slug: string,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    openForHarvest(reply);
    const file = await this.openData.reportPdf(slug, reportId);
    await sendDownload(reply, file);
  }
}
