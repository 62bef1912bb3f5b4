/** Money is integer euro cents everywhere: in the database (bigint), the API (`…Cents`) and the code. */
export type Cents = number;

export function toSafeNumber(value: string | number | bigint): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Integer out of the safe range: ${String(value)}`);
  return n;
}

export function assertCents(value: number, field = 'amountCents'): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be an integer number of cents`);
  return value;
}

/** Multiplies a per-unit rate in cents by a count, exactly. */
export function multiplyCents(rateCents: Cents, count: number): Cents {
  return assertCents(rateCents * count);
}

/** Sum of integer cents; throws rather than silently losing precision. */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += v;
  return assertCents(total, 'sum');
}
