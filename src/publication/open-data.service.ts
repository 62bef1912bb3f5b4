import { Injectable } from '@nestjs/common';
import type { Download } from '../common/download';
import { IssuedReports } from '../reports/issued-reports.service';
import { ReportErrorCode, ReportException } from '../reports/reports.exception';
import { PublicFigures, PUBLISHER } from './public-figures.service';
import { renderPublicPage } from './public-page';
import { PublicationService } from './publication.service';
import { DEFAULT_LICENCE, licenceOf, OpenDataCatalogue, PublicPilotData } from './publication.types';

/** What anyone may read of the published pilots: the catalogue, each pilot's figures and page, its issued reports. */
@Injectable()
export class OpenDataService {
  constructor(
    private readonly publication: PublicationService,
    private readonly figures: PublicFigures,
    private readonly reports: IssuedReports,
  ) {}

  async catalogue(baseUrl: string): Promise<OpenDataCatalogue> {
    const published = await this.publication.allPublished();
    const items = await Promise.all(published.map((p) => this.figures.entry(p, baseUrl)));
    return { publisher: PUBLISHER, licence: licenceOf(DEFAULT_LICENCE), items };
  }

  async pilot(slug: string, baseUrl: string): Promise<PublicPilotData> {
    return this.figures.of(await this.publication.published(slug), baseUrl);
  }

  async page(slug: string, baseUrl: string): Promise<string> {
    return renderPublicPage(await this.pilot(slug, baseUrl));
  }

  async reportPdf(slug: string, reportId: string): Promise<Download> {
    const pub = await this.publication.published(slug);
    if (!pub.includeReports) throw new ReportException(ReportErrorCode.ReportNotFound, 'Report not found');
    const { content, sha256, report } = await this.reports.pdf(pub.pilotId, reportId);
    const what = report.kind === 'final' ? 'bilan' : `annee-${report.year}`;
    return {
      content,
      sha256,
      contentType: 'application/pdf',
      filename: `rapport-${pub.slug}-${what}-${report.audience}-v${report.version}.pdf`,
    };
  }
}
