import { AppException, errorStatuses } from '../common/errors/app.exception';

export enum ActivityErrorCode {
  ActivityNotFound = 'activity_not_found',
  PilotEnded = 'pilot_ended',
  DateBeforePilotLife = 'date_before_pilot_life',
  DateInFuture = 'date_in_future',
  VolunteerHoursImplausible = 'volunteer_hours_implausible',
  IdempotencyKeyMismatch = 'idempotency_key_mismatch',
  PhotoNotFound = 'activity_photo_not_found',
  PhotoLimitReached = 'activity_photo_limit_reached',
  PhotoFormInvalid = 'activity_photo_form_invalid',
  PhotoTypeNotAllowed = 'activity_photo_type_not_allowed',
  PhotoUnreadable = 'activity_photo_unreadable',
  PhotoTooLarge = 'activity_photo_too_large',
}

const STATUS = errorStatuses<ActivityErrorCode>({
  [ActivityErrorCode.ActivityNotFound]: 404,
  [ActivityErrorCode.PilotEnded]: 422,
  [ActivityErrorCode.DateBeforePilotLife]: 422,
  [ActivityErrorCode.DateInFuture]: 422,
  [ActivityErrorCode.VolunteerHoursImplausible]: 422,
  [ActivityErrorCode.IdempotencyKeyMismatch]: 422,
  [ActivityErrorCode.PhotoNotFound]: 404,
  [ActivityErrorCode.PhotoLimitReached]: 422,
  [ActivityErrorCode.PhotoFormInvalid]: 400,
  [ActivityErrorCode.PhotoTypeNotAllowed]: 415,
  [ActivityErrorCode.PhotoUnreadable]: 400,
  [ActivityErrorCode.PhotoTooLarge]: 413,
});

export class ActivityException extends AppException {
  constructor(code: ActivityErrorCode, detail: string, field?: string) {
    super(code, STATUS[code], detail, field ? [{ field, code, message: detail }] : undefined);
  }
}
