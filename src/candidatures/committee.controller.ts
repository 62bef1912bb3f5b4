import { CandidaturesErrorCode } from './candidatures.exception';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Ctx, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { EvaluateDto, EvaluationDto } from './decision.dto';
import { DeclarationDto, DeclareDto, ScoringSheetDto } from './committee.dto';
import { CommitteeService } from './committee.service';

/** The committee's work on one candidature: declaring conflicts, scoring blind, the scoring sheet. */
@ApiTags('calls')
@Controller('candidatures')
export class CommitteeController {
  constructor(private readonly committee: CommitteeService) {}

  @Get(':id/scoring-sheet')
  @ApiOperation({ summary: 'Everything the one-screen scoring grid needs for a candidature' })
  @ApiErrors(CandidaturesErrorCode.CandidatureNotFound, CandidaturesErrorCode.RecusedMember)
  @Roles('committee', 'lead')
  @ApiOkResponse({ type: ScoringSheetDto })
  sheet(@Param('id', ParseUUIDPipe) id: string, @Ctx() ctx: RequestContext): Promise<ScoringSheetDto> {
    return this.committee.sheet(ctx, id);
  }

  @Put(':id/conflict')
  @ApiOperation({ summary: 'Declare my conflicts of interest for a candidature (a link recuses me)' })
  @ApiErrors(CandidaturesErrorCode.CandidatureNotFound, CandidaturesErrorCode.InvalidDeclaration)
  @Roles('committee', 'lead')
  @ApiOkResponse({ type: DeclarationDto, description: 'The caller’s declaration; a conflict recuses them' })
  declare(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DeclareDto,
    @Ctx() ctx: RequestContext,
  ): Promise<DeclarationDto> {
    return this.committee.declare(ctx, id, body);
  }

  @Get(':id/conflicts')
  @ApiOperation({ summary: 'Conflict-of-interest declarations for a candidature' })
  @ApiErrors(CandidaturesErrorCode.CandidatureNotFound)
  @Roles('committee', 'lead')
  @ApiOkResponse({ type: [DeclarationDto], description: 'Every declaration for the lead, the caller’s own otherwise' })
  declarations(@Param('id', ParseUUIDPipe) id: string, @Ctx() ctx: RequestContext): Promise<DeclarationDto[]> {
    return this.committee.declarations(ctx, id);
  }

  @Post(':id/evaluations')
  @ApiOperation({ summary: 'Record my committee evaluation of a candidature (blind until submitted)' })
  @ApiErrors(
    CandidaturesErrorCode.CandidatureNotFound,
    CandidaturesErrorCode.AlreadyDecided,
    CandidaturesErrorCode.ScoringNotOpen,
    CandidaturesErrorCode.RecusedMember,
    CandidaturesErrorCode.DeclarationRequired,
  )
  @Roles('committee', 'lead')
  @ApiCreatedResponse({
    type: EvaluationDto,
    description: 'One per member: posting again replaces the member’s evaluation',
  })
  evaluate(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EvaluateDto,
    @Ctx() ctx: RequestContext,
  ): Promise<EvaluationDto> {
    return this.committee.evaluate(ctx, id, body);
  }

  @Get(':id/evaluations')
  @ApiOperation({ summary: "A candidature's committee evaluations (blind: visible once I have scored)" })
  @ApiErrors(CandidaturesErrorCode.CandidatureNotFound)
  @Roles('committee', 'lead')
  @ApiOkResponse({ type: [EvaluationDto], description: 'Blind: a member sees the scores once they have scored' })
  evaluations(@Param('id', ParseUUIDPipe) id: string, @Ctx() ctx: RequestContext): Promise<EvaluationDto[]> {
    return this.committee.evaluations(ctx, id);
  }
}
