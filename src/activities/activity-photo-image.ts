import { createHash } from 'node:crypto';
import type Sharp from 'sharp';
import { onFirstUse } from '../common/on-first-use';

// Loaded by the first photo processed, not at start.
const sharp = onFirstUse<typeof Sharp>('sharp');

/** The largest photo accepted as sent by a phone (a 48 MP JPEG is 8–12 MB). */
export const MAX_PHOTO_UPLOAD_BYTES = 15 * 1024 * 1024;
/** Photos are stored with their longest side at most this many pixels: enough for a report page or a screen. */
export const PHOTO_MAX_SIDE = 1600;
export const MAX_PHOTOS_PER_ACTIVITY = 5;
const QUALITY = 80;

export type PhotoInputType = 'image/jpeg' | 'image/png' | 'image/webp';
export type PhotoMime = 'image/jpeg' | 'image/webp';

export type ProcessedPhoto = {
  content: Buffer;
  mime: PhotoMime;
  width: number;
  height: number;
  sha256: string;
};

/** JPEG, PNG or WebP from the first bytes (the client's file name and content type are not trusted). */
export function sniffPhotoType(bytes: Buffer): PhotoInputType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

/** A file sharp could not decode to the last pixel (truncated, corrupt, or a signature before something else). */
export class UnreadablePhotoError extends Error {}

/**
 * Decodes every pixel (`failOn: 'warning'`: a truncated or corrupt image is an error, not a picture padded with
 * grey), applies the EXIF orientation, bounds the longest side to PHOTO_MAX_SIDE and re-encodes: JPEG stays JPEG,
 * PNG and WebP become WebP (which keeps transparency). Every metadata is dropped unless `keepExif`, which keeps the
 * EXIF block as the camera wrote it, GPS position included (the orientation tag is reset by the rotation).
 */
export async function processPhoto(
  bytes: Buffer,
  type: PhotoInputType,
  options: { keepExif: boolean },
): Promise<ProcessedPhoto> {
  let pipeline = sharp()(bytes, { failOn: 'warning', pages: 1 })
    .rotate()
    .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  if (options.keepExif) pipeline = pipeline.keepExif();
  const mime: PhotoMime = type === 'image/jpeg' ? 'image/jpeg' : 'image/webp';
  pipeline = mime === 'image/jpeg' ? pipeline.jpeg({ quality: QUALITY }) : pipeline.webp({ quality: QUALITY });
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return {
      content: data,
      mime,
      width: info.width,
      height: info.height,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
  } catch (e) {
    throw new UnreadablePhotoError(e instanceof Error ? e.message : String(e));
  }
}

/** Longest side of a photo printed in a report: a third of an A4 page's width, at print resolution. */
export const REPORT_THUMBNAIL_SIDE = 600;

/**
 * A report's copy of a stored photo: longest side at most REPORT_THUMBNAIL_SIDE, flattened on white and encoded as
 * a JPEG without any metadata. The same stored bytes always give the same thumbnail bytes.
 */
export async function reportThumbnail(content: Buffer): Promise<{ content: Buffer; width: number; height: number }> {
  const { data, info } = await sharp()(content, { pages: 1 })
    .resize({ width: REPORT_THUMBNAIL_SIDE, height: REPORT_THUMBNAIL_SIDE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 70 })
    .toBuffer({ resolveWithObject: true });
  return { content: data, width: info.width, height: info.height };
}
