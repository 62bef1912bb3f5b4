import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../auth/auth.types';
import {
  claimIdempotencyKey,
  IDEMPOTENCY_KEY_DAYS,
  IdempotencyTable,
  isIdempotencyKey,
  purgeIdempotencyKeys,
  requestHash,
  storeIdempotentResponse,
} from '../common/idempotency';
import { FundingErrorCode, FundingException } from '../funding/funding.exception';
import { ActivityErrorCode, ActivityException } from './activities.exception';
import { ActivitiesService } from './activities.service';
import type { Activity, CreateActivityInput } from './activities.types';

const ACTIVITY_KEYS: IdempotencyTable = { table: 'activity_idempotency_keys', idColumn: 'activity_id' };

/** Result of logging an activity: `replayed` when an Idempotency-Key returned the first response again. */
export type ActivityWrite = { activity: Activity; replayed: boolean };

/**
 * Logging an activity with an `Idempotency-Key` (the offline activity log sends each queued activity with its
 * own): the key is claimed in the transaction that inserts the activity, so a retry, or a concurrent request with
 * the same key, gets the first activity back and never logs a second one.
 */
@Injectable()
export class ActivityIdempotencyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly activities: ActivitiesService,
  ) {}

  /** The header's value, checked; undefined when the client sent none (the key is optional on this route). */
  static key(raw: string | undefined): string | undefined {
    if (raw === undefined) return undefined;
    if (!isIdempotencyKey(raw)) {
      // The ledger's code for the same mistake: one code per meaning across the API.
      throw new FundingException(
        FundingErrorCode.IdempotencyKeyRequired,
        'The Idempotency-Key header must be 1 to 200 visible ASCII characters, one per activity',
      );
    }
    return raw;
  }

  async create(
    ctx: RequestContext,
    pilotId: string,
    input: CreateActivityInput,
    key: string | undefined,
  ): Promise<ActivityWrite> {
    const userId = ctx.user?.id;
    if (!key || !userId) return { activity: await this.activities.create(ctx, pilotId, input), replayed: false };
    const hash = requestHash({ op: 'activity.create', pilotId, input });
    return this.db.transaction(async (m) => {
      const claim = await claimIdempotencyKey<Activity>(
        m,
        ACTIVITY_KEYS,
        userId,
        key,
        hash,
        () =>
          new ActivityException(
            ActivityErrorCode.IdempotencyKeyMismatch,
            'This Idempotency-Key was already used to log another activity',
          ),
      );
      if (!claim.claimed) return { activity: claim.response, replayed: true };
      const activity = await this.activities.create(ctx, pilotId, input, m);
      await storeIdempotentResponse(m, ACTIVITY_KEYS, userId, key, 201, activity, activity.id);
      return { activity, replayed: false };
    });
  }

  /** Forgets keys older than `days` (the daily housekeeping); the activities stay. */
  purge(days = IDEMPOTENCY_KEY_DAYS): Promise<number> {
    return purgeIdempotencyKeys(this.db.manager, ACTIVITY_KEYS, days);
  }
}
