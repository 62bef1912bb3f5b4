import { ReportErrorCode } from './reports.exception';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Ctx, PilotScope, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { CommonException } from '../common/errors/app.exception';
import { NarrativeDraftDto, SaveNarrativeDraftDto } from './reports.dto';
import { NarrativeDraftsService } from './narrative-drafts.service';

const yearPipe = new ParseIntPipe({
  exceptionFactory: () =>
    CommonException.validation([{ field: 'year', code: 'isInt', message: 'year must be a project year such as 2' }]),
});

/** The coordinator's part of a year's narrative, a draft the lead's report form starts from. */
@ApiTags('reports')
@Controller('pilots/:id/narrative-drafts')
export class NarrativeDraftsController {
  constructor(private readonly drafts: NarrativeDraftsService) {}

  @Get(':year')
  @ApiOperation({ summary: "The coordinator's draft of a year's narrative" })
  @ApiErrors(ReportErrorCode.ReportYearOutOfRange)
  @Roles('lead', 'coordinator')
  @PilotScope('id')
  @ApiOkResponse({ type: NarrativeDraftDto, description: 'Empty texts while nobody has written it' })
  get(@Param('id', ParseUUIDPipe) id: string, @Param('year', yearPipe) year: number): Promise<NarrativeDraftDto> {
    return this.drafts.get(id, checkedYear(year));
  }

  @Put(':year')
  @ApiOperation({ summary: "Save the coordinator's draft of a year's narrative" })
  @ApiErrors(ReportErrorCode.ReportYearOutOfRange)
  @Roles('lead', 'coordinator')
  @PilotScope('id')
  @ApiOkResponse({ type: NarrativeDraftDto })
  save(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('year', yearPipe) year: number,
    @Body() body: SaveNarrativeDraftDto,
    @Ctx() ctx: RequestContext,
  ): Promise<NarrativeDraftDto> {
    return this.drafts.save(ctx, id, checkedYear(year), body);
  }
}

function checkedYear(year: number): number {
  if (year < 1 || year > 10)
    throw CommonException.validation([{ field: 'year', code: 'min', message: 'year must be between 1 and 10' }]);
  return year;
}
