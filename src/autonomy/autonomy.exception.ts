import { AppException, errorStatuses, FieldError } from '../common/errors/app.exception';

export enum AutonomyErrorCode {
  MilestoneNotFound = 'milestone_not_found',
  MilestoneFieldForbidden = 'milestone_field_forbidden',
  TargetYearOutOfRange = 'target_year_out_of_range',
  EvidenceFileInvalid = 'evidence_file_invalid',
  EvidenceFileNotFound = 'evidence_file_not_found',
  EvidenceFileTypeNotAllowed = 'evidence_file_type_not_allowed',
  EvidenceFileUnreadable = 'evidence_file_unreadable',
}

const STATUS = errorStatuses<AutonomyErrorCode>({
  [AutonomyErrorCode.MilestoneNotFound]: 404,
  [AutonomyErrorCode.MilestoneFieldForbidden]: 403,
  [AutonomyErrorCode.TargetYearOutOfRange]: 400,
  [AutonomyErrorCode.EvidenceFileInvalid]: 400,
  [AutonomyErrorCode.EvidenceFileNotFound]: 404,
  [AutonomyErrorCode.EvidenceFileTypeNotAllowed]: 415,
  [AutonomyErrorCode.EvidenceFileUnreadable]: 400,
});

export class AutonomyException extends AppException {
  constructor(code: AutonomyErrorCode, detail: string, field?: string) {
    super(code, STATUS[code], detail, field ? ([{ field, code, message: detail }] satisfies FieldError[]) : undefined);
  }
}
