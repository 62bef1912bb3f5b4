import { createHash } from 'node:crypto';
import { printReportPdf } from './report-pdf';
import { AUDIENCE_INFO, FINAL_TITLES, renderReportHtml } from './report-renderer';
import { renderReportXlsx } from './report-xlsx';
import type { ReportFormat, ReportSnapshot, ReportStage } from './report.types';

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The running header of a report's PDF pages. */
export function reportHeader(snapshot: ReportSnapshot): string {
  const info = AUDIENCE_INFO[snapshot.audience];
  if (snapshot.kind === 'final') return `${FINAL_TITLES[snapshot.audience]} — ${snapshot.pilot.name}`;
  return snapshot.kind === 'pilot'
    ? `${info.title} — ${snapshot.pilot.name} — année ${snapshot.year}`
    : `${info.waveTitle} — ${snapshot.call.title}`;
}

/**
 * Snapshot → the report's three files. Everything is taken from the snapshot (dates included), so rendering an
 * issued report's snapshot again gives the same bytes, hence the same sha256.
 */
export async function renderReportFiles(
  snapshot: ReportSnapshot,
  snapshotSha256: string,
  chromiumPath: string,
  onStage: (stage: ReportStage, progress: number) => Promise<void> = async () => undefined,
): Promise<Record<ReportFormat, Buffer>> {
  await onStage('html', 40);
  const html = renderReportHtml(snapshot, snapshotSha256);
  await onStage('pdf', 55);
  // The print is sent first, then the spreadsheet is written while Chromium prints (another process), yielding now
  // and then so this process keeps driving the print: the two overlap instead of adding up.
  const pdfDone = printReportPdf(html, { chromiumPath, header: reportHeader(snapshot), date: snapshot.asOf });
  pdfDone.catch(() => undefined);
  const xlsxDone = renderReportXlsx(snapshot);
  xlsxDone.catch(() => undefined);
  const pdf = await pdfDone;
  await onStage('xlsx', 80);
  const xlsx = await xlsxDone;
  return { html: Buffer.from(html, 'utf8'), pdf, xlsx };
}
