import { AppException, errorStatuses, FieldError } from '../common/errors/app.exception';

export enum PublicationErrorCode {
  PublicationNotFound = 'publication_not_found',
  SlugTaken = 'slug_taken',
  PilotNotPublishable = 'pilot_not_publishable',
}

const STATUS = errorStatuses<PublicationErrorCode>({
  [PublicationErrorCode.PublicationNotFound]: 404,
  [PublicationErrorCode.SlugTaken]: 409,
  [PublicationErrorCode.PilotNotPublishable]: 422,
});

export class PublicationException extends AppException {
  constructor(code: PublicationErrorCode, detail: string, field?: string) {
    super(code, STATUS[code], detail, field ? ([{ field, code, message: detail }] satisfies FieldError[]) : undefined);
  }
}
