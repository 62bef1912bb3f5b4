import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, PilotScope, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { PublicationDto, UpdatePublicationDto } from './publication.dto';
import { CommonErrorCode } from '../common/errors/app.exception';
import { PilotErrorCode } from '../pilots/pilots.exception';
import { PublicationService } from './publication.service';

/** A pilot's public page and open data: the lead switches them on or off; the pilot's members see the state. */
@ApiTags('publication')
@Controller('pilots/:id/publication')
export class PublicationController {
  constructor(private readonly publication: PublicationService) {}

  @Get()
  @ApiOperation({ summary: "Whether a pilot's public page is on, and its address and licence" })
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiOkResponse({ type: PublicationDto })
  get(@Param('id', ParseUUIDPipe) pilotId: string, @Ctx() ctx: RequestContext): Promise<PublicationDto> {
    return this.publication.get(ctx, pilotId);
  }

  @Put()
  @ApiOperation({ summary: "Switch a pilot's public page and open data on or off (lead)" })
  @ApiErrors(CommonErrorCode.Conflict, PilotErrorCode.StartDateRequired)
  @Roles('lead')
  @PilotScope('id')
  @ApiOkResponse({ type: PublicationDto })
  set(
    @Param('id', ParseUUIDPipe) pilotId: string,
    @Body() body: UpdatePublicationDto,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicationDto> {
    return this.publication.set(ctx, pilotId, body);
  }
}
