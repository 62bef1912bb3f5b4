/** One field's error; `params` are the constraint's arguments (a maximum length…) for the French text, never sent. */
export type FieldError = {
  field: string;
  code: string;
  message: string;
  params?: unknown[];
  /** The message is already French and more precise than the catalogue's: kept as is. */ localized?: boolean;
};

const STATUS_BY_CODE = new Map<string, number>();

/**
 * A feature's code → status table, registered so the OpenAPI document (`@ApiErrors`) answers each code with the
 * status the exception really sends: the table in `<feature>.exception.ts` stays the single source.
 */
export function errorStatuses<C extends string>(table: Record<C, number>): Record<C, number> {
  for (const [code, status] of Object.entries(table) as [string, number][]) {
    const known = STATUS_BY_CODE.get(code);
    if (known !== undefined && known !== status) {
      throw new Error(`Error code ${code} is declared with two statuses (${known} and ${status})`);
    }
    STATUS_BY_CODE.set(code, status);
  }
  return table;
}

/** The HTTP status of a registered error code (undefined when no exception file declares it). */
export function statusOfErrorCode(code: string): number | undefined {
  return STATUS_BY_CODE.get(code);
}

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

  /** A French detail more precise than the catalogue's (a date, an amount), sent instead of it. */
  frenchDetail?: string;

  withFrenchDetail(text: string): this {
    this.frenchDetail = text;
    return this;
  }
}

/** Codes shared by every module. */
export enum CommonErrorCode {
  ValidationFailed = 'validation_failed',
  InvalidCharacters = 'invalid_characters',
  TooDeep = 'body_too_deep',
  InvalidCursor = 'invalid_cursor',
  InvalidInput = 'invalid_input',
  BadUrl = 'bad_url',
  UriTooLong = 'uri_too_long',
  MethodNotAllowed = 'method_not_allowed',
  MalformedRequest = 'malformed_request',
  RequestTimeout = 'request_timeout',
  HeadersTooLarge = 'headers_too_large',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  TooManyRequests = 'too_many_requests',
  Internal = 'internal_error',
  Unavailable = 'service_unavailable',
  DatabaseUnavailable = 'database_unavailable',
  QueueUnavailable = 'queue_unavailable',
}

const COMMON_STATUS = errorStatuses<CommonErrorCode>({
  [CommonErrorCode.ValidationFailed]: 400,
  [CommonErrorCode.InvalidCharacters]: 400,
  [CommonErrorCode.TooDeep]: 400,
  [CommonErrorCode.InvalidCursor]: 400,
  [CommonErrorCode.InvalidInput]: 400,
  [CommonErrorCode.BadUrl]: 400,
  [CommonErrorCode.UriTooLong]: 414,
  [CommonErrorCode.MethodNotAllowed]: 405,
  [CommonErrorCode.MalformedRequest]: 400,
  [CommonErrorCode.RequestTimeout]: 408,
  [CommonErrorCode.HeadersTooLarge]: 431,
  [CommonErrorCode.Unauthenticated]: 401,
  [CommonErrorCode.Forbidden]: 403,
  [CommonErrorCode.NotFound]: 404,
  [CommonErrorCode.Conflict]: 409,
  [CommonErrorCode.PayloadTooLarge]: 413,
  [CommonErrorCode.UnsupportedMediaType]: 415,
  [CommonErrorCode.TooManyRequests]: 429,
  [CommonErrorCode.Internal]: 500,
  [CommonErrorCode.Unavailable]: 503,
  [CommonErrorCode.DatabaseUnavailable]: 503,
  [CommonErrorCode.QueueUnavailable]: 503,
});

export class CommonException extends AppException {
  constructor(code: CommonErrorCode, detail: string, errors?: FieldError[]) {
    super(code, COMMON_STATUS[code], detail, errors);
  }

  static notFound(what = 'Resource'): CommonException {
    return new CommonException(CommonErrorCode.NotFound, `${what} not found`);
  }

  static invalidCursor(): CommonException {
    return new CommonException(CommonErrorCode.InvalidCursor, 'Invalid pagination cursor', [
      { field: 'cursor', code: 'invalid_cursor', message: 'invalid cursor' },
    ]);
  }

  static validation(errors: FieldError[], detail = 'The request is invalid'): CommonException {
    return new CommonException(CommonErrorCode.ValidationFailed, detail, errors);
  }
}
