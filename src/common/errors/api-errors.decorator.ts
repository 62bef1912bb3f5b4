import { SetMetadata } from '@nestjs/common';
import type { ErrorCode } from './messages.fr';

export const API_ERRORS_KEY = 'projetk:api-errors';

/**
 * The domain error codes a route (or every route of a controller) may answer, taken from the features'
 * `<feature>.exception.ts` enums. The OpenAPI document lists them per status, with the status the exception
 * really sends; the errors every route of its kind answers (400 validation, 401, 403, 404 out of scope) are added
 * from the route's `@Public()`/`@Roles()`/`@PilotScope()` declarations, so they need not be listed here.
 *
 *   @ApiErrors(PilotErrorCode.PilotNotFound, PilotErrorCode.StartDateRequired)
 */
export const ApiErrors = (...codes: ErrorCode[]) => SetMetadata(API_ERRORS_KEY, codes);
