import { AppException, errorStatuses } from '../common/errors/app.exception';

export enum HomeErrorCode {
  NotSignedIn = 'unauthenticated',
  SearchTooShort = 'search_too_short',
}

const STATUS = errorStatuses<HomeErrorCode>({
  [HomeErrorCode.NotSignedIn]: 401,
  [HomeErrorCode.SearchTooShort]: 400,
});

export class HomeException extends AppException {
  constructor(code: HomeErrorCode, detail: string) {
    super(code, STATUS[code], detail);
  }
}
