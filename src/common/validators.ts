import { registerDecorator, ValidationOptions } from 'class-validator';
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
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) && value >= '2000-01-01' && value <= '2100-12-31',
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
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Math.abs(Math.round(value * 10 ** decimals) - value * 10 ** decimals) < 1e-6,
      },
    });
}
