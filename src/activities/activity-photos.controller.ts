import { Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Ctx, PilotScope, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { sendDownload } from '../common/download';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { readMultipartForm } from '../common/multipart';
import { ActivityPhotoDto } from './activities.dto';
import { ActivityErrorCode, ActivityException } from './activities.exception';
import { MAX_PHOTO_UPLOAD_BYTES } from './activity-photo-image';
import { ActivityPhotosService, PhotoUpload } from './activity-photos.service';

const WRITERS = ['lead', 'coordinator'] as const;
const READERS = ['lead', 'coordinator', 'reviewer'] as const;
/** A photo never changes under its id: a browser may keep it a day, and revalidates it by its ETag after. */
const PHOTO_CACHE = 'private, max-age=86400';

/** The upload form: `file` (the image), `keepLocation` (`true` keeps the EXIF GPS position; default `false`). */
async function readPhotoForm(req: FastifyRequest): Promise<PhotoUpload> {
  const form = await readMultipartForm(req, {
    fileField: 'file',
    maxFileBytes: MAX_PHOTO_UPLOAD_BYTES,
    fields: ['keepLocation'],
  });
  if (!form.ok && form.reason === 'too_large')
    throw new ActivityException(ActivityErrorCode.PhotoTooLarge, 'A photo is at most 15 MB', 'file');
  if (!form.ok)
    throw new ActivityException(
      ActivityErrorCode.PhotoFormInvalid,
      'Send multipart/form-data with one image in `file` and optionally `keepLocation` (true or false)',
      form.field ?? 'file',
    );
  if (!form.file || form.file.length === 0)
    throw new ActivityException(
      ActivityErrorCode.PhotoFormInvalid,
      'The `file` field with the image is missing',
      'file',
    );
  const keep = form.fields.keepLocation ?? 'false';
  if (keep !== 'true' && keep !== 'false')
    throw new ActivityException(ActivityErrorCode.PhotoFormInvalid, '`keepLocation` is true or false', 'keepLocation');
  return { bytes: form.file, keepLocation: keep === 'true' };
}

@ApiTags('activities')
@Controller('pilots/:id')
export class ActivityPhotosController {
  constructor(private readonly photos: ActivityPhotosService) {}

  @Post('activities/:activityId/photos')
  @ApiOperation({ summary: 'Add a photo to an activity (JPEG, PNG or WebP; resized, metadata stripped by default)' })
  @ApiErrors(
    ActivityErrorCode.ActivityNotFound,
    ActivityErrorCode.PhotoLimitReached,
    ActivityErrorCode.PhotoFormInvalid,
    ActivityErrorCode.PhotoTypeNotAllowed,
    ActivityErrorCode.PhotoUnreadable,
    ActivityErrorCode.PhotoTooLarge,
  )
  @HttpCode(201)
  @Roles(...WRITERS)
  @PilotScope('id')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP, up to 15 MB' },
        keepLocation: {
          type: 'string',
          enum: ['true', 'false'],
          default: 'false',
          description: 'true keeps the EXIF metadata, GPS position included; otherwise every metadata is removed',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: ActivityPhotoDto })
  async upload(
    @Param('id') pilotId: string,
    @Param('activityId', ParseUUIDPipe) activityId: string,
    @Req() req: FastifyRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<ActivityPhotoDto> {
    return this.photos.upload(ctx, pilotId, activityId, await readPhotoForm(req));
  }

  @Get('activities/:activityId/photos/:photoId')
  @ApiOperation({ summary: "An activity's photo (the image itself)" })
  @ApiErrors(ActivityErrorCode.PhotoNotFound)
  @Roles(...READERS)
  @PilotScope('id')
  @ApiProduces('image/jpeg', 'image/webp')
  @ApiOkResponse({ description: 'The image, with an ETag (its sha256); 304 when If-None-Match matches' })
  async get(
    @Param('id') pilotId: string,
    @Param('activityId', ParseUUIDPipe) activityId: string,
    @Param('photoId', ParseUUIDPipe) photoId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const photo = await this.photos.file(pilotId, activityId, photoId);
    const etag = `"${photo.sha256}"`;
    void reply.header('etag', etag).header('cache-control', PHOTO_CACHE);
    if (ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      await reply.code(304).send();
      return;
    }
    await sendDownload(reply, {
      content: photo.content,
      contentType: photo.mime,
      filename: `photo-${photo.position}.${photo.mime === 'image/jpeg' ? 'jpg' : 'webp'}`,
      inline: true,
      sha256: photo.sha256,
    });
  }

  @Delete('activities/:activityId/photos/:photoId')
  @ApiOperation({ summary: "Delete an activity's photo" })
  @ApiErrors(ActivityErrorCode.PhotoNotFound)
  @HttpCode(204)
  @Roles(...WRITERS)
  @PilotScope('id')
  remove(
    @Param('id') pilotId: string,
    @Param('activityId', ParseUUIDPipe) activityId: string,
    @Param('photoId', ParseUUIDPipe) photoId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    return this.photos.delete(ctx, pilotId, activityId, photoId);
  }
}
