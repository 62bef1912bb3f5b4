import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createPilot, logActivity } from '../factories/pilots';
import { jpegHeaderThenHtml, truncated, VALID_PDF } from '../support/files';
import type { HttpClient } from '../support/http-client';
import { createTestApp, TestApp } from '../support/test-app';

/** A camera-like JPEG: detailed pixels, `width`×`height`, with an EXIF block holding a GPS position when asked. */
async function cameraJpeg(opts: { width?: number; height?: number; gps?: boolean; orientation?: number } = {}) {
  const width = opts.width ?? 320;
  const height = opts.height ?? 200;
  const pixels = Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => (i * 7919) % 256));
  let img = sharp(pixels, { raw: { width, height, channels: 3 } });
  if (opts.gps) {
    img = img.withExif({
      IFD0: { Make: 'Téléphone', Model: 'Terrain' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '44/1 50/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 34/1 0/1' },
    });
  }
  if (opts.orientation) img = img.withMetadata({ orientation: opts.orientation });
  return img.jpeg({ quality: 90 }).toBuffer();
}

/** The GPS latitude (degrees, minutes, seconds) an EXIF block carries, read from its TIFF structure; null without one. */
function gpsLatitude(exif: Buffer | undefined): number[] | null {
  if (!exif) return null;
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') === 0 ? 6 : 0);
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const entries = (ifd: number) =>
    Array.from({ length: u16(ifd) }, (_, i) => ifd + 2 + i * 12).map((e) => ({ tag: u16(e), value: u32(e + 8) }));
  const gps = entries(u32(4)).find((e) => e.tag === 0x8825);
  if (!gps) return null;
  const lat = entries(gps.value).find((e) => e.tag === 0x0002);
  if (!lat) return null;
  return [0, 1, 2].map((i) => u32(lat.value + i * 8) / u32(lat.value + i * 8 + 4));
}

function form(file: Buffer | null, fields: Record<string, string> = {}, name = 'photo.jpg'): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('file', new Blob([new Uint8Array(file)]), name);
  return f;
}

const upload = (http: HttpClient, url: string, file: Buffer | null, fields: Record<string, string> = {}) =>
  http.request('POST', url, { raw: form(file, fields) });

describe('photos of an activity', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coord: SignedIn;
  let reviewer: SignedIn;
  let committee: SignedIn;
  let pilot: Record<string, any>;
  let other: Record<string, any>;
  let jpeg: Buffer;
  const photosOf = (activityId: string, p = pilot) => `/api/pilots/${p.id}/activities/${activityId}/photos`;
  const count = async (activityId: string) =>
    (
      await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM activity_photos WHERE activity_id = $1`, [activityId])
    )[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    committee = await signIn(t, 'committee');
    pilot = await createPilot(lead.http);
    other = await createPilot(lead.http, { name: 'Autre pilote' });
    const c = await insertUser(t, 'coordinator');
    const r = await insertUser(t, 'reviewer');
    await addMember(lead.http, pilot.id, c.id, 'coordinator');
    await addMember(lead.http, pilot.id, r.id, 'reviewer');
    coord = await signInAs(t, c.email);
    reviewer = await signInAs(t, r.email);
    jpeg = await cameraJpeg({ width: 2400, height: 1800 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('uploads a photo resized to 1600 px, lists it with the activity, serves it and deletes it', async () => {
    const activity = await logActivity(coord.http, pilot.id);
    expect(activity.photos).toEqual([]);
    const res = await upload(coord.http, photosOf(activity.id), jpeg);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      url: `${photosOf(activity.id)}/${res.body.id}`,
      width: 1600,
      height: 1200,
      mime: 'image/jpeg',
      locationKept: false,
    });
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#3a7' } })
      .png()
      .toBuffer();
    const second = await upload(lead.http, photosOf(activity.id), png);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ width: 40, height: 30, mime: 'image/webp' });

    const detail = await reviewer.http.get(`/api/pilots/${pilot.id}/activities/${activity.id}`);
    expect(detail.body.photos).toEqual([
      { id: res.body.id, url: res.body.url, width: 1600, height: 1200 },
      { id: second.body.id, url: second.body.url, width: 40, height: 30 },
    ]);
    const list = await reviewer.http.get(`/api/pilots/${pilot.id}/activities`);
    expect(list.body.items.find((a: any) => a.id === activity.id).photos.map((p: any) => p.id)).toEqual([
      res.body.id,
      second.body.id,
    ]);

    const got = await reviewer.http.get(res.body.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('cache-control')).toBe('private, max-age=86400');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = got.headers.get('etag');
    const [row] = await t.sql<{ sha256: string; content: Buffer }>(
      `SELECT sha256, content FROM activity_photos WHERE id = $1`,
      [res.body.id],
    );
    expect(etag).toBe(`"${row.sha256}"`);
    expect(got.headers.get('x-content-sha256')).toBe(row.sha256);
    expect(Number(got.headers.get('content-length'))).toBe(row.content.length);
    expect(createHash('sha256').update(row.content).digest('hex')).toBe(row.sha256);
    const meta = await sharp(row.content).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1600, 1200]);
    const again = await reviewer.http.get(res.body.url, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);

    const del = await coord.http.delete(res.body.url);
    expect(del.status).toBe(204);
    expect((await reviewer.http.get(res.body.url)).status).toBe(404);
    expect((await coord.http.delete(res.body.url)).body.code).toBe('activity_photo_not_found');
    const after = await coord.http.get(`/api/pilots/${pilot.id}/activities/${activity.id}`);
    expect(after.body.photos.map((p: any) => p.id)).toEqual([second.body.id]);
    const audit = await t.sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'activity.photo.%' ORDER BY at, id`,
      [activity.id],
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      'activity.photo.add',
      'activity.photo.add',
      'activity.photo.delete',
    ]);
  });

  it('strips the EXIF (GPS included) by default and keeps it with keepLocation=true; applies the orientation', async () => {
    const activity = await logActivity(coord.http, pilot.id);
    const withGps = await cameraJpeg({ gps: true });
    expect(gpsLatitude((await sharp(withGps).metadata()).exif)).toEqual([44, 50, 0]);

    const stripped = await upload(coord.http, photosOf(activity.id), withGps);
    expect(stripped.status).toBe(201);
    expect(stripped.body.locationKept).toBe(false);
    const [plain] = await t.sql<{ content: Buffer }>(`SELECT content FROM activity_photos WHERE id = $1`, [
      stripped.body.id,
    ]);
    const plainMeta = await sharp(plain.content).metadata();
    expect(plainMeta.exif).toBeUndefined();
    expect(gpsLatitude(plainMeta.exif)).toBeNull();

    const kept = await upload(coord.http, photosOf(activity.id), withGps, { keepLocation: 'true' });
    expect(kept.status).toBe(201);
    expect(kept.body.locationKept).toBe(true);
    const [withLocation] = await t.sql<{ content: Buffer; location_kept: boolean }>(
      `SELECT content, location_kept FROM activity_photos WHERE id = $1`,
      [kept.body.id],
    );
    expect(withLocation.location_kept).toBe(true);
    expect(gpsLatitude((await sharp(withLocation.content).metadata()).exif)).toEqual([44, 50, 0]);

    // Orientation 6 (the phone held upright): the stored image is turned, its orientation tag reset.
    const turned = await upload(coord.http, photosOf(activity.id), await cameraJpeg({ orientation: 6 }));
    expect(turned.body).toMatchObject({ width: 200, height: 320 });

    const badFlag = await upload(coord.http, photosOf(activity.id), withGps, { keepLocation: 'oui' });
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.code).toBe('activity_photo_form_invalid');
    expect(await count(activity.id)).toBe(3);
  });

  it('refuses a sixth photo with 422, also when six uploads race', async () => {
    const small = await cameraJpeg({ width: 64, height: 48 });
    const one = await logActivity(coord.http, pilot.id);
    for (let i = 0; i < 5; i++) expect((await upload(coord.http, photosOf(one.id), small)).status).toBe(201);
    const sixth = await upload(coord.http, photosOf(one.id), small);
    expect(sixth.status).toBe(422);
    expect(sixth.body.code).toBe('activity_photo_limit_reached');
    expect(sixth.body.detail).toContain('au plus 5 photos');
    expect(await count(one.id)).toBe(5);

    const raced = await logActivity(coord.http, pilot.id);
    const results = await Promise.all(Array.from({ length: 8 }, () => upload(coord.http, photosOf(raced.id), small)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 422, 422, 422]);
    expect(await count(raced.id)).toBe(5);
    const positions = await t.sql<{ position: number }>(
      `SELECT position FROM activity_photos WHERE activity_id = $1 ORDER BY position`,
      [raced.id],
    );
    expect(positions.map((p) => p.position)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses what is not a readable JPEG, PNG or WebP, and too large a file, writing nothing', async () => {
    const activity = await logActivity(coord.http, pilot.id);
    const auditBefore = await t.sql(`SELECT id FROM audit_log WHERE entity_id = $1`, [activity.id]);

    const pdf = await upload(coord.http, photosOf(activity.id), VALID_PDF);
    expect(pdf.status).toBe(415);
    expect(pdf.body.code).toBe('activity_photo_type_not_allowed');
    expect(pdf.body.detail).toBe('La photo doit être une image JPEG, PNG ou WebP.');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    expect((await upload(coord.http, photosOf(activity.id), gif)).body.code).toBe('activity_photo_type_not_allowed');

    const cut = await upload(coord.http, photosOf(activity.id), truncated(await cameraJpeg()));
    expect(cut.status).toBe(400);
    expect(cut.body.code).toBe('activity_photo_unreadable');
    const fake = await upload(coord.http, photosOf(activity.id), jpegHeaderThenHtml());
    expect(fake.status).toBe(400);
    expect(fake.body.code).toBe('activity_photo_unreadable');

    const huge = Buffer.concat([jpeg, Buffer.alloc(15 * 1024 * 1024 + 1 - jpeg.length, 0)]);
    const big = await upload(coord.http, photosOf(activity.id), huge);
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('activity_photo_too_large');

    const missing = await upload(coord.http, photosOf(activity.id), null, { keepLocation: 'false' });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('activity_photo_form_invalid');
    const json = await coord.http.post(photosOf(activity.id), { file: 'abc' });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('activity_photo_form_invalid');
    const extra = await upload(coord.http, photosOf(activity.id), jpeg, { caption: 'x' });
    expect(extra.status).toBe(400);

    expect(await count(activity.id)).toBe(0);
    expect(await t.sql(`SELECT id FROM audit_log WHERE entity_id = $1`, [activity.id])).toEqual(auditBefore);
  });

  it('lets only the pilot’s coordinator and the lead add or delete; reviewers read; other pilots are not found', async () => {
    const activity = await logActivity(coord.http, pilot.id);
    const byReviewer = await upload(reviewer.http, photosOf(activity.id), jpeg);
    expect(byReviewer.status).toBe(403);
    const byCommittee = await upload(committee.http, photosOf(activity.id), jpeg);
    expect(byCommittee.status).toBe(403);
    expect(await count(activity.id)).toBe(0);

    const ok = await upload(coord.http, photosOf(activity.id), jpeg);
    expect(ok.status).toBe(201);
    expect((await reviewer.http.delete(ok.body.url)).status).toBe(403);
    expect((await committee.http.get(ok.body.url)).status).toBe(403);

    // The same activity and photo through another pilot's URL: not found, whoever asks.
    const otherActivity = await logActivity(lead.http, other.id);
    const viaOther = `/api/pilots/${other.id}/activities/${activity.id}/photos/${ok.body.id}`;
    expect((await lead.http.get(viaOther)).status).toBe(404);
    expect((await lead.http.delete(viaOther)).status).toBe(404);
    const intoOther = await upload(lead.http, photosOf(activity.id, other), jpeg);
    expect(intoOther.status).toBe(404);
    expect(intoOther.body.code).toBe('activity_not_found');
    const wrongActivity = `/api/pilots/${pilot.id}/activities/${otherActivity.id}/photos/${ok.body.id}`;
    expect((await lead.http.get(wrongActivity)).body.code).toBe('activity_photo_not_found');
    // The coordinator of this pilot is no member of the other one.
    expect((await upload(coord.http, photosOf(otherActivity.id, other), jpeg)).status).toBe(404);
    expect((await upload(coord.http, photosOf('00000000-0000-4000-8000-000000000000'), jpeg)).status).toBe(404);
    expect(await count(otherActivity.id)).toBe(0);
  });

  it('deletes the photos with their activity', async () => {
    const activity = await logActivity(coord.http, pilot.id);
    const ok = await upload(coord.http, photosOf(activity.id), jpeg);
    expect(ok.status).toBe(201);
    expect((await coord.http.delete(`/api/pilots/${pilot.id}/activities/${activity.id}`)).status).toBe(204);
    expect(await count(activity.id)).toBe(0);
    expect((await coord.http.get(ok.body.url)).status).toBe(404);
  });
});
