import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/reports/report-renderer';
import { reportHeader, sha256 } from '../../src/reports/report-files';
import { ReportPrinter } from '../../src/reports/report-pdf';
import { chromiumPath } from '../support/browser';
import { waitFor } from '../support/wait';
import { pilotSnapshotFixture } from './snapshot.fixture';

describe('the warm report printer', () => {
  const printer = new ReportPrinter({ maxPrints: 2, maxAgeMs: 60_000 });
  const snapshot = pilotSnapshotFixture();
  const html = renderReportHtml(snapshot, 'c'.repeat(64));
  const options = { chromiumPath: chromiumPath(), header: reportHeader(snapshot), date: snapshot.asOf };
  afterAll(async () => {
    await printer.close();
  });

  it('keeps one browser, reuses a page for a bounded number of prints, and prints the same bytes every time', async () => {
    const first = await printer.print(html, options);
    const second = await printer.print(html, options);
    expect(printer.counts).toEqual({ browsers: 1, pages: 1 });
    // The page has printed its two reports: the next print opens a fresh one.
    const third = await printer.print(html, options);
    expect(printer.counts).toEqual({ browsers: 1, pages: 2 });
    // Two prints at once take two pages of the same browser.
    const [fourth, fifth] = await Promise.all([printer.print(html, options), printer.print(html, options)]);
    expect(printer.counts.browsers).toBe(1);
    expect(new Set([first, second, third, fourth, fifth].map(sha256)).size).toBe(1);
  });

  it('starts a new browser after the warm one was killed, and prints the same bytes', async () => {
    const own = new ReportPrinter();
    try {
      const others = browserProcesses();
      const before = await own.print(html, options);
      const started = browserProcesses().filter((pid) => !others.includes(pid));
      expect(started).toHaveLength(1);
      const browser = await own.browser(options.chromiumPath);
      process.kill(started[0], 'SIGKILL');
      await waitFor(async () => (browser.isConnected() ? undefined : true), 10_000, 20);
      const after = await own.print(html, options);
      expect(own.counts.browsers).toBe(2);
      expect(sha256(after)).toBe(sha256(before));
    } finally {
      await own.close();
    }
  });

  it('fails with the missing browser named, without starting anything', async () => {
    const other = new ReportPrinter();
    await expect(other.print(html, { ...options, chromiumPath: '/nonexistent/chromium' })).rejects.toThrow(
      /Chromium not found at \/nonexistent\/chromium/,
    );
    expect(other.counts).toEqual({ browsers: 0, pages: 0 });
  });
});

/** The Chromium browsers this process started (its direct children running Chromium). */
function browserProcesses(): number[] {
  const read = (f: string) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  };
  return readdirSync(`/proc/${process.pid}/task`)
    .flatMap((task) => read(`/proc/${process.pid}/task/${task}/children`).split(' ').filter(Boolean).map(Number))
    .filter((pid) => /chrom/i.test(read(`/proc/${pid}/cmdline`)));
}
