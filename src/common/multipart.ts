import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';

/** A multipart/form-data body with one file and a few text fields, read into memory within limits. */
export type MultipartForm = { file: Buffer | null; fields: Record<string, string> };

export type MultipartRead =
  ({ ok: true } & MultipartForm) | { ok: false; reason: 'not_multipart' | 'too_large' | 'malformed'; field?: string };

const MAX_FIELD_BYTES = 1000;

/**
 * Reads a form sent as multipart/form-data (`@fastify/multipart`, registered in app.factory.ts): at most one
 * file, in `fileField`, up to `maxFileBytes`, and only the text fields named in `fields`. Anything else
 * (another file or field, a second file, a broken body) is `malformed`; every part is still drained, so the
 * answer is sent once the request has been read.
 */
export async function readMultipartForm(
  req: FastifyRequest,
  opts: { fileField: string; maxFileBytes: number; fields: string[] },
): Promise<MultipartRead> {
  if (!req.isMultipart()) return { ok: false, reason: 'not_multipart' };
  let file: Buffer | null = null;
  const fields: Record<string, string> = {};
  let unexpected: string | undefined;
  try {
    const parts = req.parts({
      limits: {
        fileSize: opts.maxFileBytes,
        files: 1,
        fields: opts.fields.length,
        fieldSize: MAX_FIELD_BYTES,
        parts: opts.fields.length + 1,
      },
    });
    for await (const part of parts as AsyncIterable<Multipart>) {
      if (part.type === 'file') {
        if (part.fieldname === opts.fileField) file = await part.toBuffer();
        else {
          unexpected ??= part.fieldname;
          part.file.resume();
        }
      } else if (opts.fields.includes(part.fieldname) && typeof part.value === 'string' && !part.valueTruncated) {
        fields[part.fieldname] = part.value;
      } else unexpected ??= part.fieldname;
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return { ok: false, reason: 'too_large', field: opts.fileField };
    return { ok: false, reason: 'malformed' };
  }
  if (unexpected !== undefined) return { ok: false, reason: 'malformed', field: unexpected };
  return { ok: true, file, fields };
}
