import { sendDownload } from '../common/download';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, PilotScope, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import {
  AutonomyDto,
  CreateMilestoneDto,
  IndicatorDefinitionDto,
  MilestoneDto,
  ReferencesDto,
  UpdateMilestoneDto,
} from './autonomy.dto';
import { AutonomyService } from './autonomy.service';
import { MilestonesService } from './milestones.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { AutonomyErrorCode } from './autonomy.exception';

@ApiTags('autonomy')
@Controller()
export class AutonomyController {
  constructor(
    private readonly autonomy: AutonomyService,
    private readonly milestones: MilestonesService,
  ) {}

  @Get('indicators')
  @Roles('lead', 'coordinator', 'committee', 'reviewer')
  @ApiOperation({
    summary: 'The indicator catalogue: key, French label, unit and how each is computed, per project year',
  })
  @ApiOkResponse({ type: [IndicatorDefinitionDto] })
  catalogue(): IndicatorDefinitionDto[] {
    return this.autonomy.catalogue();
  }

  @Get('references/waste')
  @Roles('lead', 'coordinator', 'committee', 'reviewer')
  @ApiOperation({ summary: 'Reference waste figures (national, legal targets, Kamikatsu) with their source and year' })
  @ApiOkResponse({ type: ReferencesDto })
  references(): ReferencesDto {
    return this.autonomy.references();
  }

  @Get('pilots/:id/autonomy')
  @ApiOperation({ summary: "A pilot's autonomy: indicators per project year and the roadmap" })
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiOkResponse({ type: AutonomyDto })
  get(@Param('id') pilotId: string, @Ctx() ctx: RequestContext): Promise<AutonomyDto> {
    return this.autonomy.autonomy(ctx, pilotId);
  }

  @Post('pilots/:id/milestones')
  @ApiOperation({ summary: 'Add a milestone to the roadmap' })
  @ApiErrors(AutonomyErrorCode.TargetYearOutOfRange)
  @Roles('lead')
  @PilotScope('id')
  @ApiCreatedResponse({ type: MilestoneDto })
  create(
    @Param('id') pilotId: string,
    @Body() body: CreateMilestoneDto,
    @Ctx() ctx: RequestContext,
  ): Promise<MilestoneDto> {
    return this.milestones.createMilestone(ctx, pilotId, body);
  }

  @Patch('milestones/:id')
  @ApiErrors(
    AutonomyErrorCode.MilestoneNotFound,
    AutonomyErrorCode.MilestoneFieldForbidden,
    AutonomyErrorCode.TargetYearOutOfRange,
    AutonomyErrorCode.EvidenceFileInvalid,
  )
  @Roles('lead', 'coordinator')
  @PilotScope('id', 'milestones')
  @ApiOperation({ summary: 'A coordinator may change status and evidence; the lead may change everything' })
  @ApiOkResponse({ type: MilestoneDto })
  update(@Param('id') id: string, @Body() body: UpdateMilestoneDto, @Ctx() ctx: RequestContext): Promise<MilestoneDto> {
    return this.milestones.updateMilestone(ctx, id, body);
  }

  @Delete('milestones/:id')
  @ApiOperation({ summary: 'Delete a milestone' })
  @ApiErrors(AutonomyErrorCode.MilestoneNotFound)
  @Roles('lead')
  @PilotScope('id', 'milestones')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<void> {
    await this.milestones.deleteMilestone(ctx, id);
  }

  @Get('milestones/:id/evidence-file')
  @ApiOperation({ summary: "Download a milestone's evidence file" })
  @ApiErrors(AutonomyErrorCode.EvidenceFileNotFound)
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id', 'milestones')
  @ApiProduces('application/octet-stream')
  async evidenceFile(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.milestones.evidenceFile(id);
    // Served as an attachment, never rendered inline: the file comes from a user.
    await sendDownload(reply, { content: file.data, contentType: file.contentType, filename: file.name });
  }
}
