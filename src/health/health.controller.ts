import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/public.decorator';
import { HealthService } from './health.service';

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
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'A part is down; same body' })
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const h = await this.health.check();
    if (h.status !== 'ok') reply.status(503);
    return h;
  }

  @Post('probe')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ProbeDto })
  enqueueProbe(): Promise<ProbeDto> {
    return this.health.enqueueProbe();
  }

  @Get('probe/:id')
  @ApiOkResponse({ type: ProbeDto })
  probe(@Param('id') id: string): Promise<ProbeDto> {
    return this.health.probe(id);
  }
}
