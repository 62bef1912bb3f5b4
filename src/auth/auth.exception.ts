import { AppException, errorStatuses } from '../common/errors/app.exception';

export enum AuthErrorCode {
  Unauthenticated = 'unauthenticated',
  InvalidCredentials = 'invalid_credentials',
  AccountDisabled = 'account_disabled',
  SessionExpired = 'session_expired',
  Forbidden = 'forbidden',
  CsrfRejected = 'csrf_rejected',
  NotFound = 'not_found',
  TooManyAttempts = 'too_many_attempts',
  WeakPassword = 'weak_password',
  WrongPassword = 'wrong_password',
  EmailTaken = 'email_taken',
  UserNotFound = 'user_not_found',
  TokenNotFound = 'token_not_found',
  LastLead = 'last_lead',
  MemberRoleMismatch = 'member_role_mismatch',
}

const STATUS = errorStatuses<AuthErrorCode>({
  [AuthErrorCode.Unauthenticated]: 401,
  [AuthErrorCode.InvalidCredentials]: 401,
  [AuthErrorCode.AccountDisabled]: 401,
  [AuthErrorCode.SessionExpired]: 401,
  [AuthErrorCode.Forbidden]: 403,
  [AuthErrorCode.CsrfRejected]: 403,
  [AuthErrorCode.NotFound]: 404,
  [AuthErrorCode.TooManyAttempts]: 429,
  [AuthErrorCode.WeakPassword]: 400,
  [AuthErrorCode.WrongPassword]: 403,
  [AuthErrorCode.EmailTaken]: 409,
  [AuthErrorCode.UserNotFound]: 404,
  [AuthErrorCode.TokenNotFound]: 404,
  [AuthErrorCode.LastLead]: 409,
  [AuthErrorCode.MemberRoleMismatch]: 422,
});

export class AuthException extends AppException {
  constructor(
    code: AuthErrorCode,
    detail: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(
      code,
      STATUS[code],
      detail,
      code === AuthErrorCode.WeakPassword ? [{ field: 'password', code, message: detail, localized: true }] : undefined,
    );
    // The password policy says in French exactly what is wrong (too short, too common…).
    if (code === AuthErrorCode.WeakPassword) this.withFrenchDetail(detail);
  }
}
