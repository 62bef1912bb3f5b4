import { AppException, errorStatuses, FieldError } from '../common/errors/app.exception';

export enum PilotErrorCode {
  PilotNotFound = 'pilot_not_found',
  StartDateRequired = 'start_date_required',
  AmendmentBeforeStart = 'amendment_before_start',
  StartAfterAmendment = 'start_after_amendment',
  CandidatureHasPilot = 'candidature_has_pilot',
  PilotAlreadyClosed = 'pilot_already_closed',
  ProgrammeNotOver = 'programme_not_over',
}

const STATUS = errorStatuses<PilotErrorCode>({
  [PilotErrorCode.PilotNotFound]: 404,
  [PilotErrorCode.StartDateRequired]: 422,
  [PilotErrorCode.AmendmentBeforeStart]: 422,
  [PilotErrorCode.StartAfterAmendment]: 422,
  [PilotErrorCode.CandidatureHasPilot]: 409,
  [PilotErrorCode.PilotAlreadyClosed]: 409,
  [PilotErrorCode.ProgrammeNotOver]: 409,
});

export class PilotException extends AppException {
  constructor(code: PilotErrorCode, detail: string, field?: string) {
    super(code, STATUS[code], detail, field ? ([{ field, code, message: detail }] satisfies FieldError[]) : undefined);
  }
}
