import { AppException, errorStatuses } from '../common/errors/app.exception';

export enum ActorErrorCode {
  ActorNotFound = 'actor_not_found',
  ContributionNotFound = 'contribution_not_found',
  LinkNotFound = 'link_not_found',
  /** An actor id that is not one of this pilot's actors (unknown or another pilot's: the answer is the same). */
  UnknownActor = 'unknown_actor',
  ActorExists = 'actor_exists',
  LinkExists = 'link_exists',
  SelfLink = 'self_link',
  YearOutOfRange = 'year_out_of_range',
}

const STATUS = errorStatuses<ActorErrorCode>({
  [ActorErrorCode.ActorNotFound]: 404,
  [ActorErrorCode.ContributionNotFound]: 404,
  [ActorErrorCode.LinkNotFound]: 404,
  [ActorErrorCode.UnknownActor]: 422,
  [ActorErrorCode.ActorExists]: 409,
  [ActorErrorCode.LinkExists]: 409,
  [ActorErrorCode.SelfLink]: 422,
  [ActorErrorCode.YearOutOfRange]: 422,
});

export class ActorException extends AppException {
  constructor(code: ActorErrorCode, detail: string, field?: string) {
    super(code, STATUS[code], detail, field ? [{ field, code, message: detail }] : undefined);
  }
}
