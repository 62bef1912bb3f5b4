import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsObject,
  IsString,
  Length,
  MaxLength,
  IsOptional as ClassValidatorIsOptional,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { isCalendarDate } from './codes';

/** A calendar date as 'YYYY-MM-DD' (2023-02-30 is refused), between 2000 and 2100. */
export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateOnly',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date as YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && isCalendarDate(value) && value >= '2000-01-01' && value <= '2100-12-31',
      },
    });
}

/** At most `decimals` digits after the point (hours to the minute-ish, kilograms to the gram). */
export function MaxDecimals(decimals: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'maxDecimals',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} has at most ${decimals} decimals`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          Number.isFinite(value) &&
          Math.abs(Math.round(value * 10 ** decimals) - value * 10 ** decimals) < 1e-6,
      },
    });
}

/**
 * The field may be left out; `null` is refused (class-validator's own `IsOptional` lets `null` through,
 * which then hits NOT NULL columns). Use `IsNullable` where the column takes NULL (to clear a value).
 */
export function IsOptional(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}

/** The field may be left out or `null` (the column allows NULL: `null` clears it). */
export function IsNullable(options?: ValidationOptions): PropertyDecorator {
  return ClassValidatorIsOptional(options);
}

/** A nested object of class `type`: an object (not an array, not a scalar), validated field by field. */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsObject(), ValidateNested(), Type(type));
}

/** A list of objects of class `type`: each element an object (`[[[]]]` is refused), validated field by field. */
export function NestedArray(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsArray(), IsObject({ each: true }), ValidateNested({ each: true }), Type(type));
}

/** Text as typed, without the spaces around it. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional text: trimmed, and an empty string means "none". */
export const trimOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

/** A text field, trimmed, of `min` to `max` characters (`min` 0, the default, allows an empty text). */
export function TrimmedText(max: number, min = 0): PropertyDecorator {
  return applyDecorators(Transform(trim), IsString(), min > 0 ? Length(min, max) : MaxLength(max));
}

/** An optional text field (may be left out, not null), trimmed, of at most `max` characters. */
export function OptionalText(max: number): PropertyDecorator {
  return applyDecorators(IsOptional(), TrimmedText(max));
}
