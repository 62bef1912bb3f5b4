import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOptional } from '../common/validators';
import { DATE_ONLY } from '../common/codes';
import { ListQueryDto } from '../common/list-query.dto';
import {
  CREATABLE_TYPES,
  CreatableType,
  ENTRY_TYPES,
  EntryType,
  EXPENSE_CATEGORIES,
  ExpenseCategory,
  Fund,
  FUNDS,
  InstalmentStatus,
  SOURCE_KINDS,
  SourceKind,
} from './entitlements';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** 1 billion euros: far above any pilot, low enough that sums stay exact integers. */
export const MAX_AMOUNT_CENTS = 100_000_000_000;
/** Base64 of 10 MB is ~13.98 million characters. */
const MAX_BASE64 = 14_000_000;

export class CreateLedgerEntryDto {
  @ApiProperty({ enum: CREATABLE_TYPES }) @IsIn(CREATABLE_TYPES) type: CreatableType;

  @ApiPropertyOptional({
    enum: FUNDS,
    description: 'Required for disbursement and expense; absent for cofinancing and in_kind',
  })
  @IsOptional()
  @IsIn(FUNDS)
  fund?: Fund;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10,
    description:
      'Project year the money belongs to (1..operatingYears; investment disbursements: 1). Omitted: the project year of `date` (before the start: 1). For expense, cofinancing and in_kind it must be the year of `date` unless the lead gives `attributionReason`; a disbursement may be an instalment of another year',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  year?: number;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 500,
    description:
      'Lead only: why an expense, co-financing or in-kind entry is deliberately booked in another project year than its date’s; only with such a year',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  attributionReason?: string;

  @ApiProperty({
    minimum: 1,
    maximum: MAX_AMOUNT_CENTS,
    description: 'Positive integer cents; the sign comes from the type',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amountCents: number;

  @ApiProperty({
    example: '2024-01-10',
    description: 'Payment / invoice / contribution date; not in the future, not more than a year before the start',
  })
  @IsString()
  @Matches(DATE_ONLY, { message: 'date must be a date YYYY-MM-DD' })
  date: string;

  @ApiProperty({ description: 'Payment reference, invoice number, deliberation…', example: 'MANDAT-2024-0012' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  reference: string;

  @ApiPropertyOptional({ enum: EXPENSE_CATEGORIES, description: 'Required for expense only' })
  @IsOptional()
  @IsIn(EXPENSE_CATEGORIES)
  category?: ExpenseCategory;
  @ApiPropertyOptional({ description: 'Required for expense only' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  supplier?: string;
  @ApiPropertyOptional({
    description: 'Who brings the money or the contribution; required for cofinancing and in_kind',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  source?: string;

  @ApiPropertyOptional({ enum: SOURCE_KINDS, description: 'cofinancing and in_kind only' })
  @IsOptional()
  @IsIn(SOURCE_KINDS)
  sourceKind?: SourceKind;
  @ApiPropertyOptional({ description: 'Required when sourceKind is actor: an actor of this pilot' })
  @IsOptional()
  @IsUUID()
  actorId?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) description?: string;
}

export class ReverseLedgerEntryDto {
  @ApiProperty({ description: 'Why the entry is cancelled (kept in the ledger and the audit trail)' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class UploadReceiptDto {
  @ApiProperty({ example: 'facture-2024-001.pdf' }) @Transform(trim) @IsString() @Length(1, 200) filename: string;
  @ApiProperty({
    description: 'The file, base64-encoded: PDF, JPEG or PNG up to 10 MB (the type is read from the bytes)',
  })
  @IsString()
  @Length(1, MAX_BASE64)
  contentBase64: string;
}

export class LedgerQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ENTRY_TYPES }) @IsOptional() @IsIn(ENTRY_TYPES) type?: EntryType;
  @ApiPropertyOptional({ minimum: 1, maximum: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  year?: number;
  @ApiPropertyOptional({ enum: FUNDS }) @IsOptional() @IsIn(FUNDS) fund?: Fund;
}

export class ReceiptInfoDto {
  @ApiProperty() filename: string;
  @ApiProperty({ enum: ['application/pdf', 'image/jpeg', 'image/png'] }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedAt: string;
}

export class PersonRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class LedgerEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Order of recording in the ledger (N° d’écriture)' }) seq: number;
  @ApiProperty() pilotId: string;
  @ApiProperty({ enum: ENTRY_TYPES }) type: EntryType;
  @ApiProperty({ enum: FUNDS, nullable: true, type: String }) fund: Fund | null;
  @ApiProperty() year: number;
  @ApiProperty() amountCents: number;
  @ApiProperty({
    description:
      'Effect on the project’s resources: + disbursement, cofinancing, in_kind; − expense; a reversal is the opposite of its target',
  })
  signedCents: number;
  @ApiProperty() date: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: EXPENSE_CATEGORIES, nullable: true, type: String }) category: ExpenseCategory | null;
  @ApiProperty({ nullable: true, type: String }) supplier: string | null;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
  @ApiProperty({ enum: SOURCE_KINDS, nullable: true, type: String }) sourceKind: SourceKind | null;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) reversesEntryId: string | null;
  @ApiProperty({ nullable: true, type: Number }) reversesSeq: number | null;
  @ApiProperty({ nullable: true, type: String }) reversedByEntryId: string | null;
  @ApiProperty({ nullable: true, type: Number }) reversedBySeq: number | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why the lead booked this entry in another project year than its date’s',
  })
  attributionReason: string | null;
  @ApiProperty({ type: ReceiptInfoDto, nullable: true }) receipt: ReceiptInfoDto | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) createdBy: PersonRefDto | null;
  @ApiProperty() createdAt: string;
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerEntryDto] }) items: LedgerEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class EntitlementDto {
  @ApiProperty({ enum: FUNDS }) fund: Fund;
  @ApiProperty() year: number;
  @ApiProperty({ description: 'What may be disbursed: the formula, never below what was already paid' })
  amountCents: number;
  @ApiProperty({ description: 'Rate × inhabitants in force on the due date' }) formulaCents: number;
  @ApiProperty() inhabitants: number;
  @ApiProperty({ nullable: true, type: String }) dueDate: string | null;
}

export class FundBalanceDto {
  @ApiProperty() entitledCents: number;
  @ApiProperty() disbursedCents: number;
  @ApiProperty() spentCents: number;
  @ApiProperty({ description: 'Disbursed − spent; negative when the commune advanced money' }) availableCents: number;
  @ApiProperty({ description: 'Entitled − disbursed' }) toDisburseCents: number;
  @ApiProperty({ description: 'Spent beyond what was disbursed (0 when none)' }) advancedCents: number;
}

export class FundBalancesDto {
  @ApiProperty({ type: FundBalanceDto }) investment: FundBalanceDto;
  @ApiProperty({ type: FundBalanceDto }) operating: FundBalanceDto;
}

export class SourceKindCentsDto {
  @ApiProperty() commune: number;
  @ApiProperty() actor: number;
  @ApiProperty() grant: number;
  @ApiProperty() own_revenue: number;
  @ApiProperty() other: number;
}

export class YearResourcesDto {
  @ApiProperty() year: number;
  @ApiProperty() operatingResourcesCents: number;
  @ApiProperty() smicvalOperatingCents: number;
  @ApiProperty() cofinancingCents: number;
  @ApiProperty() inKindCents: number;
  @ApiProperty({ type: SourceKindCentsDto }) bySourceKindCents: SourceKindCentsDto;
  @ApiProperty() spentCents: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '(cofinancing + in_kind) / operating resources; null when nothing recorded',
  })
  autonomyRatio: number | null;
}

export class InstalmentDto {
  @ApiProperty({ enum: FUNDS }) fund: Fund;
  @ApiProperty() year: number;
  @ApiProperty({ nullable: true, type: String }) dueDate: string | null;
  @ApiProperty() amountCents: number;
  @ApiProperty() paidCents: number;
  @ApiProperty() remainingCents: number;
  @ApiProperty({ enum: ['paid', 'partial', 'upcoming', 'due', 'overdue'] }) status: InstalmentStatus;
}

export class FundingTotalsDto {
  @ApiProperty() entitledCents: number;
  @ApiProperty() disbursedCents: number;
  @ApiProperty() spentCents: number;
  @ApiProperty() cofinancingCents: number;
  @ApiProperty() inKindCents: number;
}

export class FundingSummaryDto {
  @ApiProperty() pilotId: string;
  @ApiProperty({ nullable: true, type: String }) startDate: string | null;
  @ApiProperty() operatingYears: number;
  @ApiProperty({ description: 'The date the figures were computed for (France)' }) asOf: string;
  @ApiProperty({ description: 'Inhabitants figure in force today' }) inhabitants: number;
  @ApiProperty({ type: [EntitlementDto] }) entitlements: EntitlementDto[];
  @ApiProperty({ type: FundBalancesDto }) balances: FundBalancesDto;
  @ApiProperty({ type: [YearResourcesDto] }) years: YearResourcesDto[];
  @ApiProperty({ type: [InstalmentDto] }) schedule: InstalmentDto[];
  @ApiProperty({ type: FundingTotalsDto }) totals: FundingTotalsDto;
}
