import { AppException, errorStatuses, FieldError } from '../common/errors/app.exception';

export enum ReportErrorCode {
  ReportNotFound = 'report_not_found',
  ReportNotReady = 'report_not_ready',
  ReportAlreadyIssued = 'report_already_issued',
  ReportYearOutOfRange = 'report_year_out_of_range',
  ReportPilotNotStarted = 'report_pilot_not_started',
  ReportFinalTooEarly = 'report_final_too_early',
  ReportReviewClosed = 'report_review_closed',
  LogoInvalid = 'logo_invalid',
  LogoNotFound = 'logo_not_found',
}

const STATUS = errorStatuses<ReportErrorCode>({
  [ReportErrorCode.ReportNotFound]: 404,
  [ReportErrorCode.ReportNotReady]: 409,
  [ReportErrorCode.ReportAlreadyIssued]: 409,
  [ReportErrorCode.ReportYearOutOfRange]: 422,
  [ReportErrorCode.ReportPilotNotStarted]: 422,
  [ReportErrorCode.ReportFinalTooEarly]: 422,
  [ReportErrorCode.ReportReviewClosed]: 409,
  [ReportErrorCode.LogoInvalid]: 400,
  [ReportErrorCode.LogoNotFound]: 404,
});

export class ReportException extends AppException {
  constructor(code: ReportErrorCode, detail: string, errors?: FieldError[]) {
    super(code, STATUS[code], detail, errors);
  }
}
