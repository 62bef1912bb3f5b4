import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { CommonErrorCode, CommonException, FieldError } from './app.exception';
import { fieldMessage } from './messages.fr';

/** The arguments of one constraint (e.g. the 5000 of `@MaxLength(5000)`), for its French message. */
function constraintParams(target: object | undefined, property: string, name: string): unknown[] | undefined {
  if (!target) return undefined;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  return metadata.find((m) => m.propertyName === property && m.name === name)?.constraints;
}

/**
 * Flattens class-validator's tree into `{ field, code, message }` with dotted paths (`tonnes.residual`)
 * and French messages. A missing required field gives one `required` error rather than every constraint.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const names = Object.keys(e.constraints ?? {});
    const missing =
      names.length > 0 && (e.value === undefined || e.value === null) && !names.includes('whitelistValidation');
    const own: FieldError[] = missing
      ? [
          {
            field,
            code: e.value === null ? 'not_null' : 'required',
            message: fieldMessage(e.value === null ? 'not_null' : 'required'),
          },
        ]
      : names.map((name) => {
          const code = name === 'whitelistValidation' ? 'unknown_field' : name;
          const params = constraintParams(e.target, e.property, name);
          return { field, code, message: fieldMessage(code, field, params), ...(params ? { params } : {}) };
        });
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** Whether every error is about the pagination cursor (so the answer is `invalid_cursor`). */
function onlyCursor(errors: FieldError[]): boolean {
  return errors.length > 0 && errors.every((e) => e.field === 'cursor');
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const flat = flattenValidationErrors(errors);
      if (onlyCursor(flat))
        return new CommonException(
          CommonErrorCode.InvalidCursor,
          'Invalid pagination cursor',
          flat.map((e) => ({ ...e, code: 'invalid_cursor' })),
        );
      return CommonException.validation(flat);
    },
  });
}
