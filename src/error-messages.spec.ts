import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { ActivityErrorCode } from './activities/activities.exception';
import { ActorErrorCode } from './actors/actors.exception';
import { AuthErrorCode } from './auth/auth.exception';
import { AutonomyErrorCode } from './autonomy/autonomy.exception';
import { CandidaturesErrorCode } from './candidatures/candidatures.exception';
import { FundingErrorCode } from './funding/funding.exception';
import { HealthErrorCode } from './health/health.exception';
import { HomeErrorCode } from './home/home.exception';
import { NotificationsErrorCode } from './notifications/notifications.exception';
import { PilotErrorCode } from './pilots/pilots.exception';
import { ReportErrorCode } from './reports/reports.exception';
import { WasteErrorCode } from './waste/waste.exception';
import { CommonErrorCode } from './common/errors/app.exception';
import {
  ERROR_MESSAGES_FR,
  PUBLIC_ERROR_MESSAGES_FR,
  SIGNED_IN_ERROR_MESSAGES_FR,
  errorDetail,
  fieldMessage,
} from './common/errors/messages.fr';
import { toProblem } from './common/errors/problem.filter';

const ALL_CODES = [
  CommonErrorCode,
  ActivityErrorCode,
  ActorErrorCode,
  AuthErrorCode,
  AutonomyErrorCode,
  CandidaturesErrorCode,
  FundingErrorCode,
  HealthErrorCode,
  HomeErrorCode,
  NotificationsErrorCode,
  PilotErrorCode,
  ReportErrorCode,
  WasteErrorCode,
].flatMap((e) => Object.values(e) as string[]);

describe('French error catalogue', () => {
  it('has a French detail for every error code the API can answer', () => {
    const missing = ALL_CODES.filter((c) => !(c in ERROR_MESSAGES_FR));
    expect(missing).toEqual([]);
  });

  it('splits the catalogue in two disjoint parts, the public one holding what a visitor can meet', () => {
    const shared = Object.keys(PUBLIC_ERROR_MESSAGES_FR).filter((c) => c in SIGNED_IN_ERROR_MESSAGES_FR);
    expect(shared).toEqual([]);
    const publicCodes = [
      ...(Object.values(CommonErrorCode) as string[]),
      ...(Object.values(AuthErrorCode) as string[]),
      CandidaturesErrorCode.CallNotFound,
      CandidaturesErrorCode.InvalidEditToken,
      CandidaturesErrorCode.DeadlinePassed,
      CandidaturesErrorCode.TooManySubmissions,
      CandidaturesErrorCode.JustificationRequired,
    ];
    expect(publicCodes.filter((c) => !(c in PUBLIC_ERROR_MESSAGES_FR))).toEqual([]);
    expect(fieldMessage('over_entitlement')).toBe(SIGNED_IN_ERROR_MESSAGES_FR.over_entitlement);
  });

  it('words field messages with the constraint’s arguments', () => {
    expect(fieldMessage('maxLength', 'title', [300])).toBe('Saisissez au plus 300 caractères.');
    expect(fieldMessage('isLength', 'title', [1, 200])).toBe('Ce champ est obligatoire (au plus 200 caractères).');
    expect(fieldMessage('max', 'inhabitants', [10_000_000])).toBe('La valeur doit être au plus 10\u202f000\u202f000.');
    expect(fieldMessage('weak_password')).toBe(ERROR_MESSAGES_FR.weak_password);
    expect(fieldMessage('something_new')).toBe('Cette valeur est invalide.');
  });

  it('falls back on the status, then on a generic text, for an unknown code', () => {
    expect(errorDetail('http_418', 409)).toBe("Cette opération est en conflit avec l'état actuel des données.");
    expect(errorDetail('http_418')).toBe('Une erreur est survenue.');
  });
});

describe('database errors that slip past validation', () => {
  const failed = (code: string) =>
    Object.assign(
      new QueryFailedError(
        'INSERT INTO secret_table VALUES ($1)',
        ['x'],
        new Error('invalid input syntax for type uuid: "x"'),
      ),
      { code, driverError: { code } },
    );

  it.each([
    ['22P02', 400, 'invalid_input'],
    ['22021', 400, 'invalid_input'],
    ['23502', 400, 'invalid_input'],
    ['23514', 400, 'invalid_input'],
    ['23505', 409, 'conflict'],
    ['23503', 409, 'conflict'],
    ['57P01', 503, 'database_unavailable'],
  ])('maps SQLSTATE %s to %i %s without leaking SQL', (sqlstate, status, code) => {
    const p = toProblem(failed(sqlstate));
    expect(p).toMatchObject({ status, code });
    expect(JSON.stringify(p)).not.toMatch(/secret_table|INSERT|uuid/);
  });

  it('keeps an unknown database error a 500', () => {
    expect(toProblem(failed('XX000')).status).toBe(500);
  });
});
