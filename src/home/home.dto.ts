import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ROLES, type Role } from '../auth/auth.types';
import { ACTOR_TYPES, PILOT_STATUSES, type PilotStatus } from '../common/codes';
import { FUNDS, type Fund } from '../funding/entitlements';
import { PILOT_STAGES, type PilotStage } from '../pilots/pilot-terms';

// ——— Query ———

export class SearchQueryDto {
  @ApiProperty({
    minLength: 2,
    maxLength: 100,
    example: 'compost',
    description: 'Case-insensitive; at least 2 characters',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(2, 100)
  q: string;
}

/** Sizes of the lead's page of pilots (the other roles see their own few pilots, unpaged). */
export const LEAD_PAGE_SIZE = { default: 25, max: 100 } as const;

/** The lead's page of pilots and its filters; ignored for the other roles. */
export class HomeQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100_000, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: LEAD_PAGE_SIZE.max, default: LEAD_PAGE_SIZE.default })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LEAD_PAGE_SIZE.max)
  pageSize?: number;

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) waveYear?: number;
  @ApiPropertyOptional({ enum: PILOT_STATUSES }) @IsOptional() @IsIn(PILOT_STATUSES) status?: PilotStatus;
  @ApiPropertyOptional({ enum: PILOT_STAGES, description: 'The status, or « bilan » once the programme is over' })
  @IsOptional()
  @IsIn(PILOT_STAGES)
  stage?: PilotStage;

  @ApiPropertyOptional({ minLength: 2, maxLength: 100, description: "Part of the pilot's name or of a commune" })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsOptional()
  @IsString()
  @Length(2, 100)
  q?: string;
}

// ——— Home ———

export class BalanceSummaryDto {
  @ApiProperty() entitledCents: number;
  @ApiProperty() disbursedCents: number;
  @ApiProperty() spentCents: number;
  @ApiProperty({ description: 'Disbursed minus spent' }) availableCents: number;
}

export class HomeFundingTotalsDto {
  @ApiProperty() entitledCents: number;
  @ApiProperty() disbursedCents: number;
  @ApiProperty() spentCents: number;
}

export class PilotFundingDto {
  @ApiProperty({ type: BalanceSummaryDto }) investment: BalanceSummaryDto;
  @ApiProperty({ type: BalanceSummaryDto }) operating: BalanceSummaryDto;
  @ApiProperty({ type: HomeFundingTotalsDto }) totals: HomeFundingTotalsDto;
}

export class AutonomyTargetDto {
  @ApiProperty({ enum: ['gte', 'lte'] }) operator: 'gte' | 'lte';
  @ApiProperty() value: number;
}

export class AutonomyYearDto {
  @ApiProperty() year: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '(co-financing + in-kind) / operating resources of the project year',
  })
  ratio: number | null;
  @ApiProperty({ type: AutonomyTargetDto, nullable: true }) target: AutonomyTargetDto | null;
  @ApiProperty({ type: Boolean, nullable: true }) targetMet: boolean | null;
}

export class LateMilestoneDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() dueDate: string;
}

export class DueInstalmentDto {
  @ApiProperty({ enum: FUNDS }) fund: Fund;
  @ApiProperty() year: number;
  @ApiProperty() dueDate: string;
  @ApiProperty() remainingCents: number;
  @ApiProperty({ enum: ['paid', 'partial', 'upcoming', 'due', 'overdue'] }) status:
    'paid' | 'partial' | 'upcoming' | 'due' | 'overdue';
}

export class PeriodFiguresDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Project year; 0 = preparation; null = no start date (whole life so far)',
  })
  year: number | null;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() activities: number;
  @ApiProperty() participants: number;
  @ApiProperty() volunteers: number;
  @ApiProperty() volunteerHours: number;
  @ApiProperty() divertedKg: number;
}

export class LastActivityDto {
  @ApiProperty() id: string;
  @ApiProperty() date: string;
  @ApiProperty() title: string;
  @ApiProperty() type: string;
}

export class IssuedReportDto {
  @ApiProperty() id: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['ademe', 'coopter', 'board'] }) audience: 'ademe' | 'coopter' | 'board';
  @ApiProperty() version: number;
  @ApiProperty() issuedAt: string;
}

export class HomePilotDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PILOT_STATUSES }) status: PilotStatus;
  @ApiProperty({ enum: PILOT_STAGES, description: 'The status, or bilan after the last operating year until closed' })
  stage: PilotStage;
  @ApiProperty({ type: Number, nullable: true }) waveYear: number | null;
  @ApiProperty({ type: String, nullable: true }) callId: string | null;
  @ApiProperty({ type: String, nullable: true }) callTitle: string | null;
  @ApiProperty({ type: [String] }) communes: string[];
  @ApiProperty({ description: 'In force today, amendments included' }) inhabitants: number;
  @ApiProperty({ type: String, nullable: true }) startDate: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '1, 2, 3… today; 0 before the start; null without a start date',
  })
  projectYear: number | null;
  @ApiProperty() operatingYears: number;
  @ApiProperty({ type: PilotFundingDto }) funding: PilotFundingDto;
  @ApiProperty({ type: [AutonomyYearDto] }) autonomy: AutonomyYearDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Current project year, else the latest year with data' })
  autonomyRatio: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Residual waste per inhabitant vs baseline (-0.1 = 10 % less), latest year',
  })
  residualChangeVsBaseline: number | null;
  @ApiProperty({ type: Number, nullable: true }) residualYear: number | null;
  @ApiProperty({ type: [LateMilestoneDto] }) lateMilestones: LateMilestoneDto[];
  @ApiProperty({ type: [DueInstalmentDto] }) instalmentsDue: DueInstalmentDto[];
  @ApiProperty({ type: PeriodFiguresDto, description: 'The current project year, as on the pilot overview' })
  thisYear: PeriodFiguresDto;
  @ApiProperty({ type: LastActivityDto, nullable: true }) lastActivity: LastActivityDto | null;
  @ApiProperty({ type: [IssuedReportDto], description: 'Latest issued version of each (year, audience)' })
  latestReports: IssuedReportDto[];
}

export class TodoItemDto {
  @ApiProperty({ enum: ['milestone_late', 'milestone_due', 'waste_missing', 'report_due', 'instalment_due'] })
  kind: 'milestone_late' | 'milestone_due' | 'waste_missing' | 'report_due' | 'instalment_due';
  @ApiProperty() pilotId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) dueDate: string | null;
  @ApiProperty({ description: 'Client path' }) link: string;
}

export class CoordinatorPilotDto extends HomePilotDto {
  @ApiProperty({ type: [TodoItemDto] }) todo: TodoItemDto[];
}

export class StatusCountsDto {
  @ApiProperty() preparation: number;
  @ApiProperty() running: number;
  @ApiProperty() autonomous: number;
  @ApiProperty() ended: number;
}

export class StageCountsDto extends StatusCountsDto {
  @ApiProperty({ description: 'Running pilots whose last operating year is over' }) bilan: number;
}

export class ProgrammeTotalsDto {
  @ApiProperty() pilots: number;
  @ApiProperty({ type: StatusCountsDto }) byStatus: StatusCountsDto;
  @ApiProperty({ type: StageCountsDto }) byStage: StageCountsDto;
  @ApiProperty({ description: 'Inhabitants covered, in force today' }) inhabitants: number;
  @ApiProperty({ description: 'Committed: every entitlement of every pilot' }) entitledCents: number;
  @ApiProperty({ description: 'Paid by Smicval' }) disbursedCents: number;
  @ApiProperty() spentCents: number;
  @ApiProperty() lateMilestones: number;
  @ApiProperty() instalmentsDue: number;
  @ApiProperty() activitiesThisYear: number;
  @ApiProperty() participantsThisYear: number;
}

export class CallInProgressDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() waveYear: number;
  @ApiProperty({ enum: ['intention', 'engagement', 'selection'] }) phase: 'intention' | 'engagement' | 'selection';
  @ApiProperty() intentionDeadline: string;
  @ApiProperty() engagementDeadline: string;
  @ApiProperty({ type: String, nullable: true, description: 'Deadline of the phase open today' }) deadline:
    string | null;
  @ApiProperty({ type: Number, nullable: true }) daysLeft: number | null;
  @ApiProperty() candidatures: number;
  @ApiProperty({ description: 'Candidatures not decided yet' }) undecided: number;
  @ApiProperty() evaluations: number;
  @ApiProperty({ description: 'Candidatures with at least one evaluation' }) evaluatedCandidatures: number;
}

export class CommitteeCallDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() waveYear: number;
  @ApiProperty({ enum: ['intention', 'engagement', 'selection'] }) phase: 'intention' | 'engagement' | 'selection';
  @ApiProperty() intentionDeadline: string;
  @ApiProperty() engagementDeadline: string;
  @ApiProperty({ type: String, nullable: true }) deadline: string | null;
  @ApiProperty({ type: Number, nullable: true }) daysLeft: number | null;
  @ApiProperty() candidatures: number;
  @ApiProperty({ description: 'Candidatures awaiting the decision: the ones to score (N)' }) undecided: number;
  @ApiProperty({ description: 'How many of them the caller has scored (n)' }) scoredByMe: number;
}

export class HomePageInfoDto {
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'Pilots matching the filters, every page' }) total: number;
}

export class PilotInBilanDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() operatingYears: number;
}

export class LeadHomeDto {
  @ApiProperty({ type: [HomePilotDto], description: 'One page of the pilots matching the filters' })
  pilots: HomePilotDto[];
  @ApiProperty({ type: HomePageInfoDto }) page: HomePageInfoDto;
  @ApiProperty({ type: ProgrammeTotalsDto, description: 'Every pilot of the programme, whatever the filters' })
  totals: ProgrammeTotalsDto;
  @ApiProperty({ type: [Number] }) waves: number[];
  @ApiProperty({
    type: [PilotInBilanDto],
    description: 'The first pilots in « bilan» (totals.byStage.bilan counts them all)',
  })
  inBilan: PilotInBilanDto[];
  @ApiProperty({ type: [CallInProgressDto] }) calls: CallInProgressDto[];
}

export class CoordinatorHomeDto {
  @ApiProperty({ type: [CoordinatorPilotDto] }) pilots: CoordinatorPilotDto[];
}

export class CommitteeHomeDto {
  @ApiProperty({ type: [CommitteeCallDto] }) calls: CommitteeCallDto[];
}

export class ReviewerHomeDto {
  @ApiProperty({ type: [HomePilotDto] }) pilots: HomePilotDto[];
}

export class HomeNotificationDto {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: String, nullable: true }) pilotId: string | null;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) link: string | null;
  @ApiProperty({ type: String, nullable: true }) dueDate: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) readAt: string | null;
}

export class HomeNotificationsDto {
  @ApiProperty() unread: number;
  @ApiProperty({ type: [HomeNotificationDto] }) latest: HomeNotificationDto[];
}

export class HomeDto {
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ description: 'The date the figures are computed for (Europe/Paris)' }) today: string;
  @ApiPropertyOptional({ type: LeadHomeDto }) lead?: LeadHomeDto;
  @ApiPropertyOptional({ type: CoordinatorHomeDto }) coordinator?: CoordinatorHomeDto;
  @ApiPropertyOptional({ type: CommitteeHomeDto }) committee?: CommitteeHomeDto;
  @ApiPropertyOptional({ type: ReviewerHomeDto }) reviewer?: ReviewerHomeDto;
  @ApiProperty({ type: HomeNotificationsDto }) notifications: HomeNotificationsDto;
}

// ——— Search ———

export class PilotHitDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) communes: string[];
  @ApiProperty({ enum: PILOT_STATUSES }) status: PilotStatus;
  @ApiProperty({ type: Number, nullable: true }) waveYear: number | null;
}

export class ActorHitDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACTOR_TYPES }) type: string;
  @ApiProperty() pilotId: string;
  @ApiProperty() pilotName: string;
}

export class ActivityHitDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() date: string;
  @ApiProperty() type: string;
  @ApiProperty() pilotId: string;
  @ApiProperty() pilotName: string;
}

export class CandidatureHitDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: [String] }) communes: string[];
  @ApiProperty() status: string;
  @ApiProperty() inhabitants: number;
  @ApiProperty() callId: string;
  @ApiProperty() callTitle: string;
}

export class ReportHitDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['pilot', 'wave', 'final'] }) kind: 'pilot' | 'wave' | 'final';
  @ApiProperty({ type: String, nullable: true }) pilotId: string | null;
  @ApiProperty({ type: String, nullable: true }) callId: string | null;
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
  @ApiProperty() audience: string;
  @ApiProperty() version: number;
  @ApiProperty() status: string;
  @ApiProperty({ type: String, nullable: true }) issuedAt: string | null;
}

export class SearchResultsDto {
  @ApiProperty({ description: 'The query as searched (trimmed)' }) q: string;
  @ApiProperty({ type: [PilotHitDto] }) pilots: PilotHitDto[];
  @ApiProperty({ type: [ActorHitDto] }) actors: ActorHitDto[];
  @ApiProperty({ type: [ActivityHitDto] }) activities: ActivityHitDto[];
  @ApiProperty({ type: [CandidatureHitDto] }) candidatures: CandidatureHitDto[];
  @ApiProperty({ type: [ReportHitDto] }) reports: ReportHitDto[];
}
