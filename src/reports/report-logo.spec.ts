import { describe, expect, it } from 'vitest';
import { inspectLogo } from './report-logo.service';

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.alloc(19);
  sof.writeUInt16BE(0xffc0, 0);
  sof.writeUInt16BE(17, 2);
  sof[4] = 8;
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

describe('inspectLogo', () => {
  it('recognises a PNG and a JPEG from their bytes, with their pixel size', () => {
    expect(inspectLogo(PNG_1X1)).toEqual({ contentType: 'image/png', width: 1, height: 1 });
    expect(inspectLogo(jpeg(640, 200))).toEqual({ contentType: 'image/jpeg', width: 640, height: 200 });
  });

  it('refuses anything else: GIF, PDF, SVG, a truncated PNG, a JPEG without a frame header', () => {
    expect(inspectLogo(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'))).toBeNull();
    expect(inspectLogo(Buffer.from('%PDF-1.4\n'))).toBeNull();
    expect(inspectLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(inspectLogo(PNG_1X1.subarray(0, 20))).toBeNull();
    expect(inspectLogo(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
  });
});
