import { AppException, errorStatuses, FieldError } from '../common/errors/app.exception';

export enum WasteErrorCode {
  YearOutOfRange = 'waste_year_out_of_range',
  PilotNotStarted = 'waste_needs_start_date',
}

const STATUS = errorStatuses<WasteErrorCode>({
  [WasteErrorCode.YearOutOfRange]: 400,
  [WasteErrorCode.PilotNotStarted]: 409,
});

export class WasteException extends AppException {
  constructor(code: WasteErrorCode, detail: string, field?: string) {
    super(code, STATUS[code], detail, field ? ([{ field, code, message: detail }] satisfies FieldError[]) : undefined);
  }
}
