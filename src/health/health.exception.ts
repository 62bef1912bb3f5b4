import { AppException, errorStatuses } from '../common/errors/app.exception';

export enum HealthErrorCode {
  ProbeNotFound = 'probe_not_found',
}

const STATUS = errorStatuses<HealthErrorCode>({
  [HealthErrorCode.ProbeNotFound]: 404,
});

export class HealthException extends AppException {
  constructor(code: HealthErrorCode, detail: string) {
    super(code, STATUS[code], detail);
  }
}
