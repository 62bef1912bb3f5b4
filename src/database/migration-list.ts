import { Init1764370000000 } from '../../migrations/1764370000000-Init';
import { Accounts1764370100000 } from '../../migrations/1764370100000-Accounts';
import { PilotRecord1764370200000 } from '../../migrations/1764370200000-PilotRecord';
import { ActorsActivities1764370300000 } from '../../migrations/1764370300000-ActorsActivities';
import { CallsCandidatures1764370400000 } from '../../migrations/1764370400000-CallsCandidatures';
import { FundingLedger1764370500000 } from '../../migrations/1764370500000-FundingLedger';
import { AutonomyWasteReminders1764370600000 } from '../../migrations/1764370600000-AutonomyWasteReminders';
import { Reports1764370700000 } from '../../migrations/1764370700000-Reports';
import { SearchFold1764370900000 } from '../../migrations/1764370900000-SearchFold';
import { Throttling1796000000000 } from '../../migrations/1796000000000-Throttling';
import { ScaleIndexes1796100000000 } from '../../migrations/1796100000000-ScaleIndexes';
import { ReportRequeues1796250000000 } from '../../migrations/1796250000000-ReportRequeues';
import { ReportReviews1796300000000 } from '../../migrations/1796300000000-ReportReviews';
import { CommitteeFairness1796400000000 } from '../../migrations/1796400000000-CommitteeFairness';
import { PilotClosure1796500000000 } from '../../migrations/1796500000000-PilotClosure';
import { LedgerAttribution1796910000000 } from '../../migrations/1796910000000-LedgerAttribution';
import { ActivityPhotos1797000000000 } from '../../migrations/1797000000000-ActivityPhotos';
import { ActivityIdempotencyKeys1797100000000 } from '../../migrations/1797100000000-ActivityIdempotencyKeys';
import { ActorPublicConsent1797200000000 } from '../../migrations/1797200000000-ActorPublicConsent';
import { PilotPublications1797200100000 } from '../../migrations/1797200100000-PilotPublications';
import { CandidateJourney1797500000000 } from '../../migrations/1797500000000-CandidateJourney';
import { ActivitiesNewestIndex1797800000000 } from '../../migrations/1797800000000-ActivitiesNewestIndex';
import { ProgrammeChangedNotify1798100000000 } from '../../migrations/1798100000000-ProgrammeChangedNotify';
import { PilotCommunesSearchIndex1798200000000 } from '../../migrations/1798200000000-PilotCommunesSearchIndex';
import { ActivitiesFoldedTitle1798300000000 } from '../../migrations/1798300000000-ActivitiesFoldedTitle';

/** Every migration, in order. TypeORM loads this list rather than a glob so tests and the build share it. */
export const MIGRATIONS = [
  Init1764370000000,
  Accounts1764370100000,
  PilotRecord1764370200000,
  ActorsActivities1764370300000,
  CallsCandidatures1764370400000,
  FundingLedger1764370500000,
  AutonomyWasteReminders1764370600000,
  Reports1764370700000,
  SearchFold1764370900000,
  Throttling1796000000000,
  ScaleIndexes1796100000000,
  ReportRequeues1796250000000,
  ReportReviews1796300000000,
  CommitteeFairness1796400000000,
  PilotClosure1796500000000,
  LedgerAttribution1796910000000,
  ActivityPhotos1797000000000,
  ActivityIdempotencyKeys1797100000000,
  ActorPublicConsent1797200000000,
  PilotPublications1797200100000,
  CandidateJourney1797500000000,
  ActivitiesNewestIndex1797800000000,
  ProgrammeChangedNotify1798100000000,
  PilotCommunesSearchIndex1798200000000,
  ActivitiesFoldedTitle1798300000000,
];
