import { AppException, errorStatuses } from '../common/errors/app.exception';

export enum NotificationsErrorCode {
  NotificationNotFound = 'notification_not_found',
}

const STATUS = errorStatuses<NotificationsErrorCode>({
  [NotificationsErrorCode.NotificationNotFound]: 404,
});

export class NotificationsException extends AppException {
  constructor(code: NotificationsErrorCode, detail: string) {
    super(code, STATUS[code], detail);
  }
}
