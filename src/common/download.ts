import contentDisposition from 'content-disposition';
import type { FastifyReply } from 'fastify';

export type Download = {
  content: Buffer | string;
  contentType: string;
  /** The name the browser saves it under; any character is allowed (an ASCII fallback is added for old clients). */
  filename: string;
  /** Shown in the browser (the report's HTML preview) rather than saved. */
  inline?: boolean;
  /** Sent as `x-content-sha256`, so a downloader can check what it received against the record. */
  sha256?: string;
  /** Private files (receipts, reports, evidence) are never cached by a proxy. */
  cache?: 'private' | 'none';
};

/**
 * Every file the API sends goes through here: one Content-Disposition written by the `content-disposition`
 * library (quoting and RFC 5987 encoding of any name), `nosniff` so a user's file is never run as another type.
 */
export async function sendDownload(reply: FastifyReply, d: Download): Promise<void> {
  void reply
    .header('content-type', d.contentType)
    .header('content-disposition', contentDisposition(d.filename, { type: d.inline ? 'inline' : 'attachment' }))
    .header('x-content-type-options', 'nosniff');
  if (d.sha256) void reply.header('x-content-sha256', d.sha256);
  if (d.cache === 'private') void reply.header('cache-control', 'private, no-store');
  await reply.send(d.content);
}
