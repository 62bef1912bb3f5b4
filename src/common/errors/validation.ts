import { ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonException, FieldError } from './app.exception';

/** Flattens class-validator's tree into `{ field, code, message }` with dotted paths (`tonnes.residual`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([code, message]) => ({
      field,
      code: code === 'whitelistValidation' ? 'unknown_field' : code,
      message,
    }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => CommonException.validation(flattenValidationErrors(errors)),
  });
}
