import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, PilotScope, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { Column, sendTable } from '../common/export';
import { label } from '../common/labels-fr';
import {
  ActorDto,
  ActorLinkDto,
  ActorLinkListDto,
  ActorListDto,
  ActorNetworkDto,
  ContributionDto,
  ContributionListDto,
  ContributionQueryDto,
  CreateActorDto,
  CreateActorLinkDto,
  CreateContributionDto,
  UpdateActorDto,
} from './actors.dto';
import { ActorsService } from './actors.service';
import { ActorLinksService } from './actor-links.service';
import type { Contribution } from './actors.types';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { ActorErrorCode } from './actors.exception';

const CONTRIBUTION_COLUMNS: Column<Contribution>[] = [
  { header: 'Année du projet', value: (c) => c.year, kind: 'number' },
  { header: 'Acteur', value: (c) => c.actorName, width: 30 },
  { header: "Type d'acteur", value: (c) => label('actorType', c.actorType), width: 18 },
  { header: 'Nature', value: (c) => label('contribution', c.kind), width: 16 },
  { header: 'Description', value: (c) => c.description, width: 50 },
  { header: 'Valeur', value: (c) => c.valueCents, kind: 'cents' },
  { header: 'Heures', value: (c) => c.hours, kind: 'number' },
];

const WRITERS = ['lead', 'coordinator'] as const;
const READERS = ['lead', 'coordinator', 'reviewer'] as const;

/** Actors, contributions and links of one pilot: its coordinators and the lead write, its reviewers read. */
@ApiTags('actors')
@Controller('pilots/:id')
export class ActorsController {
  constructor(
    private readonly actors: ActorsService,
    private readonly actorLinks: ActorLinksService,
  ) {}

  @Post('actors')
  @ApiOperation({ summary: 'Add an actor to a pilot' })
  @ApiErrors(ActorErrorCode.ActorExists)
  @Roles(...WRITERS)
  @PilotScope('id')
  @ApiCreatedResponse({ type: ActorDto })
  create(@Param('id') pilotId: string, @Body() body: CreateActorDto, @Ctx() ctx: RequestContext): Promise<ActorDto> {
    return this.actors.create(ctx, pilotId, body);
  }

  @Get('actors')
  @ApiOperation({ summary: "List a pilot's actors" })
  @Roles(...READERS)
  @PilotScope('id')
  @ApiOkResponse({ type: ActorListDto })
  async list(@Param('id') pilotId: string): Promise<ActorListDto> {
    return { items: await this.actors.list(pilotId), nextCursor: null };
  }

  @Patch('actors/:actorId')
  @ApiOperation({ summary: 'Update an actor' })
  @ApiErrors(ActorErrorCode.ActorNotFound, ActorErrorCode.ActorExists)
  @Roles(...WRITERS)
  @PilotScope('id')
  @ApiOkResponse({ type: ActorDto })
  update(
    @Param('id') pilotId: string,
    @Param('actorId', ParseUUIDPipe) actorId: string,
    @Body() body: UpdateActorDto,
    @Ctx() ctx: RequestContext,
  ): Promise<ActorDto> {
    return this.actors.update(ctx, pilotId, actorId, body);
  }

  @Post('contributions')
  @ApiOperation({ summary: 'Record a contribution of one or more actors' })
  @ApiErrors(ActorErrorCode.UnknownActor, ActorErrorCode.YearOutOfRange)
  @Roles(...WRITERS)
  @PilotScope('id')
  @ApiCreatedResponse({ type: ContributionDto })
  contribute(
    @Param('id') pilotId: string,
    @Body() body: CreateContributionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<ContributionDto> {
    return this.actors.createContribution(ctx, pilotId, body);
  }

  @Get('contributions')
  @ApiOperation({ summary: "List a pilot's contributions" })
  @Roles(...READERS)
  @PilotScope('id')
  @ApiOkResponse({ type: ContributionListDto, description: '{ items, nextCursor }, or a CSV/XLSX file with ?format=' })
  async contributions(
    @Param('id') pilotId: string,
    @Query() q: ContributionQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContributionListDto | void> {
    const items = await this.actors.listContributions(pilotId, { actorId: q.actorId, kind: q.kind, year: q.year });
    if (q.format === 'csv' || q.format === 'xlsx') {
      await sendTable(reply, q.format, 'contributions', CONTRIBUTION_COLUMNS, items);
      return;
    }
    return { items, nextCursor: null };
  }

  @Delete('contributions/:contributionId')
  @ApiOperation({ summary: 'Delete a contribution' })
  @ApiErrors(ActorErrorCode.ContributionNotFound)
  @HttpCode(204)
  @Roles(...WRITERS)
  @PilotScope('id')
  removeContribution(
    @Param('id') pilotId: string,
    @Param('contributionId', ParseUUIDPipe) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    return this.actors.deleteContribution(ctx, pilotId, id);
  }

  @Post('actor-links')
  @ApiOperation({ summary: 'Link two actors of a pilot' })
  @ApiErrors(ActorErrorCode.UnknownActor, ActorErrorCode.SelfLink, ActorErrorCode.LinkExists)
  @Roles(...WRITERS)
  @PilotScope('id')
  @ApiCreatedResponse({ type: ActorLinkDto })
  link(
    @Param('id') pilotId: string,
    @Body() body: CreateActorLinkDto,
    @Ctx() ctx: RequestContext,
  ): Promise<ActorLinkDto> {
    return this.actorLinks.createLink(ctx, pilotId, body);
  }

  @Get('actor-links')
  @ApiOperation({ summary: "List the links between a pilot's actors" })
  @Roles(...READERS)
  @PilotScope('id')
  @ApiOkResponse({ type: ActorLinkListDto })
  async links(@Param('id') pilotId: string): Promise<ActorLinkListDto> {
    return { items: await this.actorLinks.listLinks(pilotId), nextCursor: null };
  }

  @Delete('actor-links/:linkId')
  @ApiOperation({ summary: 'Remove a link between two actors' })
  @ApiErrors(ActorErrorCode.LinkNotFound)
  @HttpCode(204)
  @Roles(...WRITERS)
  @PilotScope('id')
  unlink(
    @Param('id') pilotId: string,
    @Param('linkId', ParseUUIDPipe) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    return this.actorLinks.deleteLink(ctx, pilotId, id);
  }

  @Get('network')
  @ApiOperation({ summary: "A pilot's actor network: actors and links" })
  @Roles(...READERS)
  @PilotScope('id')
  @ApiOkResponse({ type: ActorNetworkDto })
  network(@Param('id') pilotId: string): Promise<ActorNetworkDto> {
    return this.actors.network(pilotId);
  }
}
