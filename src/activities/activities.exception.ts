import { AppException, errorStatuses } from '../common/errors/app.exception';

export enum ActivityErrorCode {
  ActivityNotFound = 'activity_not_found',
  DateBeforePilotLife = 'date_before_pilot_life',
  DateInFuture = 'date_in_future',
  VolunteerHoursImplausible = 'volunteer_hours_implausible',
  IdempotencyKeyMismatch = 'idempotency_key_mismatch',
}

const STATUS = errorStatuses<ActivityErrorCode>({
  [ActivityErrorCode.ActivityNotFound]: 404,
  [ActivityErrorCode.DateBeforePilotLife]: 422,
  [ActivityErrorCode.DateInFuture]: 422,
  [ActivityErrorCode.VolunteerHoursImplausible]: 422,
  [ActivityErrorCode.IdempotencyKeyMismatch]: 422,
});

export class ActivityException extends AppException {
  constructor(code: ActivityErrorCode, detail: string, field?: string) {
    super(code, STATUS[code], detail, field ? [{ field, code, message: detail }] : undefined);
  }
}
