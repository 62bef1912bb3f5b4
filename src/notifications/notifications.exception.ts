import { AppException } from '../common/errors/app.exception';

export enum NotificationsErrorCode {
  NotificationNotFound = 'notification_not_found',
}

const STATUS: Record<NotificationsErrorCode, number> = {
  [NotificationsErrorCode.NotificationNotFound]: 404,
};

export class NotificationsException extends AppException {
  constructor(code: NotificationsErrorCode, detail: string) {
    super(code, STATUS[code], detail);
  }
}
