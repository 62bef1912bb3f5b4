import { AppException, errorStatuses, FieldError } from '../common/errors/app.exception';

export enum FundingErrorCode {
  OverEntitlement = 'over_entitlement',
  AlreadyReversed = 'already_reversed',
  ReversalNotReversible = 'reversal_not_reversible',
  PilotNotStarted = 'pilot_not_started',
  EntryNotFound = 'entry_not_found',
  IdempotencyKeyRequired = 'idempotency_key_required',
  IdempotencyKeyReused = 'idempotency_key_reused',
  ActorNotInPilot = 'actor_not_in_pilot',
  ReceiptNotFound = 'receipt_not_found',
  ReceiptExists = 'receipt_exists',
  ReceiptNotAllowed = 'receipt_not_allowed',
  ReceiptTypeNotAllowed = 'receipt_type_not_allowed',
  ReceiptTooLarge = 'receipt_too_large',
  ReceiptUnreadable = 'receipt_unreadable',
  EntryTypeForbidden = 'entry_type_forbidden',
  YearContradictsDate = 'year_contradicts_date',
  AttributionForbidden = 'attribution_forbidden',
}

const STATUS = errorStatuses<FundingErrorCode>({
  [FundingErrorCode.OverEntitlement]: 409,
  [FundingErrorCode.AlreadyReversed]: 409,
  [FundingErrorCode.ReversalNotReversible]: 409,
  [FundingErrorCode.PilotNotStarted]: 409,
  [FundingErrorCode.EntryNotFound]: 404,
  [FundingErrorCode.IdempotencyKeyRequired]: 400,
  [FundingErrorCode.IdempotencyKeyReused]: 409,
  [FundingErrorCode.ActorNotInPilot]: 422,
  [FundingErrorCode.ReceiptNotFound]: 404,
  [FundingErrorCode.ReceiptExists]: 409,
  [FundingErrorCode.ReceiptNotAllowed]: 422,
  [FundingErrorCode.ReceiptTypeNotAllowed]: 415,
  [FundingErrorCode.ReceiptTooLarge]: 413,
  [FundingErrorCode.ReceiptUnreadable]: 400,
  [FundingErrorCode.EntryTypeForbidden]: 403,
  [FundingErrorCode.YearContradictsDate]: 422,
  [FundingErrorCode.AttributionForbidden]: 403,
});

export class FundingException extends AppException {
  constructor(code: FundingErrorCode, detail: string, errors?: FieldError[]) {
    super(code, STATUS[code], detail, errors);
  }
}
