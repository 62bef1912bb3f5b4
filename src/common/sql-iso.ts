/**
 * A timestamptz column as the text `Date#toISOString()` prints (UTC, milliseconds, `Z`), computed by PostgreSQL, so
 * rows sent as JSON need no Date built and printed again. Milliseconds are truncated, as the driver's Date does.
 */
export const isoUtc = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
