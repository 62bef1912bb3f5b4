import type { ActorType, ContributionKind } from '../common/codes';

export type Actor = {
  id: string;
  pilotId: string;
  name: string;
  type: ActorType;
  contact: string | null;
  description: string | null;
  /** The actor agreed to appear by name on the pilot's public page (false until recorded). */
  publicConsent: boolean;
  createdAt: string;
  updatedAt: string;
  /** What the actor brings, all project years together. */
  contributions: number;
  contributionsValueCents: number;
  contributionHours: number;
  kinds: ContributionKind[];
  links: number;
};

export type CreateActorInput = {
  name: string;
  type: ActorType;
  contact?: string | null;
  description?: string | null;
  publicConsent?: boolean;
};

/** What the public page shows of an actor that agreed to appear. */
export type PublicActor = { name: string; type: ActorType };
export type UpdateActorInput = Partial<CreateActorInput>;

export type Contribution = {
  id: string;
  pilotId: string;
  actorId: string;
  actorName: string;
  actorType: ActorType;
  kind: ContributionKind;
  description: string;
  valueCents: number | null;
  hours: number | null;
  year: number;
  createdAt: string;
};

export type CreateContributionInput = {
  actorId: string;
  kind: ContributionKind;
  description: string;
  valueCents?: number | null;
  hours?: number | null;
  /** Project year (1…); defaults to the current one (1 before the start). */
  year?: number | null;
};

export type ContributionFilters = { actorId?: string; kind?: ContributionKind; year?: number };

export type ActorLink = {
  id: string;
  pilotId: string;
  fromActorId: string;
  fromActorName: string;
  toActorId: string;
  toActorName: string;
  nature: string;
  createdAt: string;
};

export type CreateActorLinkInput = { fromActorId: string; toActorId: string; nature: string };

export type ActorNetwork = {
  nodes: Actor[];
  links: ActorLink[];
  byType: { type: ActorType; actors: number; contributions: number; valueCents: number; hours: number }[];
  byKind: { kind: ContributionKind; contributions: number; valueCents: number; hours: number }[];
};

export type ContributionFigures = { contributions: number; valueCents: number; hours: number; actorIds: string[] };
