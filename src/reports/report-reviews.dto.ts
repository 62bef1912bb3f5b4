import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsOptional } from '../common/validators';
import { REVIEW_DECISIONS, ReviewDecision } from './report-reviews.service';

export class CreateReportCommentDto {
  @ApiPropertyOptional({ maxLength: 5000, description: 'The comment; required unless a decision is given' })
  @ValidateIf((o: { decision?: string; body?: unknown }) => o.decision === undefined || o.body !== undefined)
  @IsString()
  @MaxLength(5000)
  @Matches(/\S/, { message: 'body must not be blank' })
  body?: string;

  @ApiPropertyOptional({ enum: REVIEW_DECISIONS, description: "The reviewer's decision on this version" })
  @IsOptional()
  @IsIn(REVIEW_DECISIONS)
  decision?: ReviewDecision;
}

export class ReportCommentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty() version: number;
  @ApiProperty() authorName: string;
  @ApiProperty({ enum: ['reviewer'] }) authorRole: 'reviewer';
  @ApiProperty() body: string;
  @ApiProperty({ enum: REVIEW_DECISIONS, nullable: true, type: String }) decision: ReviewDecision | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReviewDecisionDto {
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty() reviewerName: string;
  @ApiProperty({ enum: REVIEW_DECISIONS }) decision: ReviewDecision;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

export class ReportVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) issuedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: "Reviewers whose latest decision on this version is 'approve'" }) approvals: number;
  @ApiProperty({ description: "Reviewers whose latest decision on this version is 'changes_requested'" })
  changesRequested: number;
}

export class ReportReviewsDto {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [ReportCommentDto], description: 'Every version of the series, oldest first' })
  comments: ReportCommentDto[];
  @ApiProperty({ type: [ReviewDecisionDto], description: "Each reviewer's latest decision on this version" })
  decisions: ReviewDecisionDto[];
  @ApiProperty({ type: [ReportVersionDto], description: 'Versions of the series, newest first' })
  versions: ReportVersionDto[];
}
