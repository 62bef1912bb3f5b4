import { AppException, errorStatuses, FieldError } from '../common/errors/app.exception';

export enum ReportErrorCode {
  ReportNotFound = 'report_not_found',
  ReportNotReady = 'report_not_ready',
  ReportAlreadyIssued = 'report_already_issued',
  ReportYearOutOfRange = 'report_year_out_of_range',
  ReportPilotNotStarted = 'report_pilot_not_started',
  ReportQueueUnavailable = 'report_queue_unavailable',
}

const STATUS = errorStatuses<ReportErrorCode>({
  [ReportErrorCode.ReportNotFound]: 404,
  [ReportErrorCode.ReportNotReady]: 409,
  [ReportErrorCode.ReportAlreadyIssued]: 409,
  [ReportErrorCode.ReportYearOutOfRange]: 422,
  [ReportErrorCode.ReportPilotNotStarted]: 422,
  [ReportErrorCode.ReportQueueUnavailable]: 503,
});

export class ReportException extends AppException {
  constructor(code: ReportErrorCode, detail: string, errors?: FieldError[]) {
    super(code, STATUS[code], detail, errors);
  }
}
