import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PHOTO_MAX_SIDE, processPhoto, sniffPhotoType, UnreadablePhotoError } from './activity-photo-image';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 40, g: 160, b: 90, alpha: 0.5 } } });

describe('activity photo images', () => {
  it('recognises JPEG, PNG and WebP by their bytes, and nothing else', async () => {
    expect(sniffPhotoType(await solid(4, 4).jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffPhotoType(await solid(4, 4).png().toBuffer())).toBe('image/png');
    expect(sniffPhotoType(await solid(4, 4).webp().toBuffer())).toBe('image/webp');
    expect(sniffPhotoType(await solid(4, 4).gif().toBuffer())).toBeNull();
    expect(sniffPhotoType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffPhotoType(Buffer.from('RIFF\0\0\0\0WAVE'))).toBeNull();
  });

  it('bounds the longest side, keeps small images as they are, and re-encodes PNG as WebP with its transparency', async () => {
    const tall = await processPhoto(await solid(1200, 4000).jpeg().toBuffer(), 'image/jpeg', { keepExif: false });
    expect([tall.mime, tall.width, tall.height]).toEqual([
      'image/jpeg',
      Math.round((1200 * PHOTO_MAX_SIDE) / 4000),
      PHOTO_MAX_SIDE,
    ]);
    const small = await processPhoto(await solid(300, 200).png().toBuffer(), 'image/png', { keepExif: false });
    expect([small.mime, small.width, small.height]).toEqual(['image/webp', 300, 200]);
    expect((await sharp(small.content).metadata()).hasAlpha).toBe(true);
    expect(small.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a truncated image', async () => {
    const pixels = Buffer.from(Array.from({ length: 96 * 64 * 3 }, (_, i) => (i * 7919) % 256));
    const jpeg = await sharp(pixels, { raw: { width: 96, height: 64, channels: 3 } })
      .jpeg()
      .toBuffer();
    await expect(
      processPhoto(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), 'image/jpeg', { keepExif: false }),
    ).rejects.toBeInstanceOf(UnreadablePhotoError);
  });
});
