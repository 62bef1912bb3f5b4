import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/public.decorator';
import { HealthService } from './health.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrorCode } from '../common/errors/app.exception';
import { HealthErrorCode } from './health.exception';

class ReportQueueHealthDto {
  @ApiProperty({ description: 'Reports queued or running in the database' }) pending: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Pending reports the queue has lost, not yet put back by the reconciler (null: queue down)',
  })
  missing: number | null;
  @ApiProperty({ description: 'Reports put back on the queue by the reconciler over the last 24 hours' })
  requeuedLastDay: number;
}

class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) queue: 'up' | 'down';
  @ApiProperty({ enum: ['redis', 'postgres'] }) queueBackend: string;
  @ApiProperty({ type: ReportQueueHealthDto, nullable: true }) reports: ReportQueueHealthDto | null;
}

class ProbeDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'BullMQ job state: waiting, active, completed, failed…' }) state: string;
  @ApiProperty({ nullable: true, type: Object }) result: unknown;
}

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Health of the database and the queue' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'A part is down; same body' })
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const h = await this.health.check();
    if (h.status !== 'ok') reply.status(503);
    return h;
  }

  @Post('probe')
  @ApiOperation({ summary: 'Queue a probe job (proves that a worker runs)' })
  @ApiErrors(CommonErrorCode.QueueUnavailable)
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ProbeDto })
  enqueueProbe(): Promise<ProbeDto> {
    return this.health.enqueueProbe();
  }

  @Get('probe/:id')
  @ApiOperation({ summary: "A probe job's state" })
  @ApiErrors(HealthErrorCode.ProbeNotFound)
  @ApiOkResponse({ type: ProbeDto })
  probe(@Param('id') id: string): Promise<ProbeDto> {
    return this.health.probe(id);
  }
}
