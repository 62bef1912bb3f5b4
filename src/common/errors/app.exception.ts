export type FieldError = { field: string; code: string; message: string };

/**
 * Base of every domain exception. Each feature declares its own subclass with a code → status map
 * (see health.exception.ts for the shape); the problem+json filter turns them into responses.
 */
export class AppException extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/** Codes shared by every module. */
export enum CommonErrorCode {
  ValidationFailed = 'validation_failed',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  TooManyRequests = 'too_many_requests',
  Internal = 'internal_error',
  Unavailable = 'service_unavailable',
}

const COMMON_STATUS: Record<CommonErrorCode, number> = {
  [CommonErrorCode.ValidationFailed]: 400,
  [CommonErrorCode.Unauthenticated]: 401,
  [CommonErrorCode.Forbidden]: 403,
  [CommonErrorCode.NotFound]: 404,
  [CommonErrorCode.Conflict]: 409,
  [CommonErrorCode.PayloadTooLarge]: 413,
  [CommonErrorCode.UnsupportedMediaType]: 415,
  [CommonErrorCode.TooManyRequests]: 429,
  [CommonErrorCode.Internal]: 500,
  [CommonErrorCode.Unavailable]: 503,
};

export class CommonException extends AppException {
  constructor(code: CommonErrorCode, detail: string, errors?: FieldError[]) {
    super(code, COMMON_STATUS[code], detail, errors);
  }

  static notFound(what = 'Resource'): CommonException {
    return new CommonException(CommonErrorCode.NotFound, `${what} not found`);
  }

  static validation(errors: FieldError[], detail = 'The request is invalid'): CommonException {
    return new CommonException(CommonErrorCode.ValidationFailed, detail, errors);
  }
}
