import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { IsOptional } from '../common/validators';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth.decorators';
import { Column, sendTable } from '../common/export';
import { CommonException } from '../common/errors/app.exception';
import { ListQueryDto } from '../common/list-query.dto';
import { AuditRow, AuditService } from './audit.service';

class AuditQueryDto extends ListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() pilotId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) action?: string;
}

class AuditEntryDto {
  @ApiProperty() id: number;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) userId: string | null;
  @ApiProperty({ nullable: true, type: String }) userEmail: string | null;
  @ApiProperty() action: string;
  @ApiProperty() entity: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: String }) pilotId: string | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'Changed fields before the change',
  })
  before: unknown;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'Changed fields after the change',
  })
  after: unknown;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
}

class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

const COLUMNS: Column<AuditRow>[] = [
  { header: 'Date', value: (r) => r.at, width: 26 },
  { header: 'Utilisateur', value: (r) => r.userEmail ?? '', width: 28 },
  { header: 'Action', value: (r) => r.action, width: 24 },
  { header: 'Objet', value: (r) => r.entity },
  { header: 'Identifiant', value: (r) => r.entityId ?? '', width: 38 },
  { header: 'Projet pilote', value: (r) => r.pilotId ?? '', width: 38 },
  { header: 'Avant', value: (r) => (r.before ? JSON.stringify(r.before) : ''), width: 40 },
  { header: 'Après', value: (r) => (r.after ? JSON.stringify(r.after) : ''), width: 40 },
  { header: 'Requête', value: (r) => r.requestId ?? '', width: 38 },
  { header: 'IP', value: (r) => r.ip ?? '' },
];

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Search the audit trail (a JSON page, or CSV)' })
  @Roles('lead')
  @ApiOkResponse({ type: AuditPageDto, description: 'Newest first; a CSV/XLSX file with ?format=csv|xlsx' })
  async list(@Query() q: AuditQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    if (q.cursor !== undefined && !/^\d{1,15}$/.test(q.cursor)) throw CommonException.invalidCursor();
    const cursor = q.cursor !== undefined ? Number(q.cursor) : undefined;
    if (q.format === 'csv' || q.format === 'xlsx') {
      const page = await this.audit.list({ ...q, cursor, limit: 100_000 });
      await sendTable(reply, q.format, 'journal-audit', COLUMNS, page.items);
      return;
    }
    return this.audit.list({ ...q, cursor, limit: q.limit ?? 50 });
  }
}
