import { AppException, errorStatuses, FieldError } from '../common/errors/app.exception';

export enum CandidaturesErrorCode {
  CallNotFound = 'call_not_found',
  CandidatureNotFound = 'candidature_not_found',
  InvalidEditToken = 'invalid_edit_token',
  DeadlinePassed = 'deadline_passed',
  AlreadyDecided = 'already_decided',
  InvalidTransition = 'invalid_transition',
  EngagementMissing = 'engagement_missing',
  JustificationRequired = 'out_of_bounds_requires_justification',
  InvalidCall = 'invalid_call',
  InvalidReopen = 'invalid_reopen',
  TooManySubmissions = 'too_many_submissions',
  ScoringNotOpen = 'scoring_not_open',
  RecusedMember = 'recused_member',
  DeclarationRequired = 'conflict_declaration_required',
  InvalidDeclaration = 'invalid_declaration',
  ContactEmailRequired = 'contact_email_required',
}

const STATUS = errorStatuses<CandidaturesErrorCode>({
  [CandidaturesErrorCode.CallNotFound]: 404,
  [CandidaturesErrorCode.CandidatureNotFound]: 404,
  [CandidaturesErrorCode.InvalidEditToken]: 404,
  [CandidaturesErrorCode.DeadlinePassed]: 409,
  [CandidaturesErrorCode.AlreadyDecided]: 409,
  [CandidaturesErrorCode.InvalidTransition]: 409,
  [CandidaturesErrorCode.EngagementMissing]: 409,
  [CandidaturesErrorCode.JustificationRequired]: 422,
  [CandidaturesErrorCode.InvalidCall]: 400,
  [CandidaturesErrorCode.InvalidReopen]: 400,
  [CandidaturesErrorCode.TooManySubmissions]: 429,
  [CandidaturesErrorCode.ScoringNotOpen]: 409,
  [CandidaturesErrorCode.RecusedMember]: 403,
  [CandidaturesErrorCode.DeclarationRequired]: 409,
  [CandidaturesErrorCode.InvalidDeclaration]: 400,
  [CandidaturesErrorCode.ContactEmailRequired]: 422,
});

export class CandidaturesException extends AppException {
  constructor(
    code: CandidaturesErrorCode,
    detail: string,
    errors?: FieldError[],
    /** Sent as Retry-After by the problem filter (429). */
    readonly retryAfterSeconds?: number,
  ) {
    super(code, STATUS[code], detail, errors);
  }
}
