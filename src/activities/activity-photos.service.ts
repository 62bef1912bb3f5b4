import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { ActivityErrorCode, ActivityException } from './activities.exception';
import type { ActivityPhotoInfo, ActivityPhotoRef } from './activities.types';
import {
  MAX_PHOTOS_PER_ACTIVITY,
  PhotoMime,
  processPhoto,
  reportThumbnail,
  sniffPhotoType,
  UnreadablePhotoError,
} from './activity-photo-image';

export type PhotoUpload = { bytes: Buffer; keepLocation: boolean };
/** A photo as a report prints it: a bounded JPEG thumbnail (base64) with the activity it shows. */
export type ReportPhoto = {
  activityTitle: string;
  date: string;
  contentType: 'image/jpeg';
  width: number;
  height: number;
  base64: string;
};
export type PhotoFile = { content: Buffer; mime: PhotoMime; sha256: string; position: number };

export const photoUrl = (pilotId: string, activityId: string, photoId: string): string =>
  `/api/pilots/${pilotId}/activities/${activityId}/photos/${photoId}`;

/** Photos of an activity: checked and resized before any write, at most MAX_PHOTOS_PER_ACTIVITY per activity. */
@Injectable()
export class ActivityPhotosService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async upload(ctx: RequestContext, pilotId: string, activityId: string, u: PhotoUpload): Promise<ActivityPhotoInfo> {
    const type = sniffPhotoType(u.bytes);
    if (!type)
      throw new ActivityException(ActivityErrorCode.PhotoTypeNotAllowed, 'A photo must be JPEG, PNG or WebP', 'file');
    // The image work (decode, rotate, resize, encode) runs before the transaction, so no lock waits on it.
    let photo;
    try {
      photo = await processPhoto(u.bytes, type, { keepExif: u.keepLocation });
    } catch (e) {
      if (!(e instanceof UnreadablePhotoError)) throw e;
      throw new ActivityException(ActivityErrorCode.PhotoUnreadable, `The photo cannot be read: ${e.message}`, 'file');
    }
    return this.db.transaction(async (m) => {
      // The activity's row is the lock: concurrent uploads to one activity count its photos one after the other.
      const locked = await m.query(`SELECT 1 FROM activities WHERE pilot_id = $1 AND id = $2 FOR UPDATE`, [
        pilotId,
        activityId,
      ]);
      if (locked.length === 0) throw new ActivityException(ActivityErrorCode.ActivityNotFound, 'Activity not found');
      const [{ count, next }]: { count: number; next: number }[] = await m.query(
        `SELECT count(*)::int AS count, COALESCE(max(position), 0)::int + 1 AS next FROM activity_photos WHERE activity_id = $1`,
        [activityId],
      );
      if (count >= MAX_PHOTOS_PER_ACTIVITY) {
        throw new ActivityException(
          ActivityErrorCode.PhotoLimitReached,
          `An activity has at most ${MAX_PHOTOS_PER_ACTIVITY} photos`,
          'file',
        );
      }
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO activity_photos (pilot_id, activity_id, position, mime, width, height, size_bytes, sha256, content, location_kept, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          pilotId,
          activityId,
          next,
          photo.mime,
          photo.width,
          photo.height,
          photo.content.length,
          photo.sha256,
          photo.content,
          u.keepLocation,
          ctx.user?.id ?? null,
        ],
      );
      const info: ActivityPhotoInfo = {
        id: row.id,
        url: photoUrl(pilotId, activityId, row.id),
        width: photo.width,
        height: photo.height,
        mime: photo.mime,
        locationKept: u.keepLocation,
      };
      await this.audit.record(m, ctx, {
        action: 'activity.photo.add',
        entity: 'activity',
        entityId: activityId,
        pilotId,
        after: {
          photoId: row.id,
          position: next,
          sha256: photo.sha256,
          sizeBytes: photo.content.length,
          locationKept: u.keepLocation,
        },
      });
      return info;
    });
  }

  async file(pilotId: string, activityId: string, photoId: string): Promise<PhotoFile> {
    const [row]: PhotoFile[] = await this.db.query(
      `SELECT content, mime, sha256, position FROM activity_photos WHERE pilot_id = $1 AND activity_id = $2 AND id = $3`,
      [pilotId, activityId, photoId],
    );
    if (!row) throw new ActivityException(ActivityErrorCode.PhotoNotFound, 'Photo not found');
    return row;
  }

  async delete(ctx: RequestContext, pilotId: string, activityId: string, photoId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      // TypeORM answers a DELETE … RETURNING with [rows, affected count].
      const [[gone]]: [{ position: number; sha256: string }[], number] = await m.query(
        `DELETE FROM activity_photos WHERE pilot_id = $1 AND activity_id = $2 AND id = $3 RETURNING position, sha256`,
        [pilotId, activityId, photoId],
      );
      if (!gone) throw new ActivityException(ActivityErrorCode.PhotoNotFound, 'Photo not found');
      await this.audit.record(m, ctx, {
        action: 'activity.photo.delete',
        entity: 'activity',
        entityId: activityId,
        pilotId,
        before: { photoId, position: gone.position, sha256: gone.sha256 },
      });
    });
  }

  /** The photos of many activities in one statement, by activity, ordered by position. */
  async refsOf(
    pilotId: string,
    activityIds: string[],
    m: EntityManager = this.db.manager,
  ): Promise<Map<string, ActivityPhotoRef[]>> {
    const byActivity = new Map<string, ActivityPhotoRef[]>();
    if (activityIds.length === 0) return byActivity;
    const rows: { id: string; activityId: string; width: number; height: number }[] = await m.query(
      `SELECT id, activity_id AS "activityId", width, height FROM activity_photos
        WHERE pilot_id = $1 AND activity_id = ANY($2::uuid[]) ORDER BY activity_id, position`,
      [pilotId, activityIds],
    );
    for (const r of rows) {
      const list = byActivity.get(r.activityId) ?? [];
      list.push({ id: r.id, url: photoUrl(pilotId, r.activityId, r.id), width: r.width, height: r.height });
      byActivity.set(r.activityId, list);
    }
    return byActivity;
  }

  /**
   * Up to `limit` photos of the activities dated in `range`, newest activity first (then by their position in the
   * activity), as report thumbnails.
   */
  async forReport(pilotId: string, range: { from: string; to: string }, limit: number): Promise<ReportPhoto[]> {
    const rows: { content: Buffer; title: string; date: string }[] = await this.db.query(
      `SELECT p.content, a.title, to_char(a.date, 'YYYY-MM-DD') AS date
         FROM activity_photos p JOIN activities a ON a.pilot_id = p.pilot_id AND a.id = p.activity_id
        WHERE p.pilot_id = $1 AND a.date BETWEEN $2::date AND $3::date
        ORDER BY a.date DESC, a.created_at DESC, a.id DESC, p.position
        LIMIT $4`,
      [pilotId, range.from, range.to, limit],
    );
    const out: ReportPhoto[] = [];
    for (const r of rows) {
      const thumb = await reportThumbnail(r.content);
      out.push({
        activityTitle: r.title,
        date: r.date,
        contentType: 'image/jpeg',
        width: thumb.width,
        height: thumb.height,
        base64: thumb.content.toString('base64'),
      });
    }
    return out;
  }
}
