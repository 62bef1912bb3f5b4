import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, PilotScope, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { CommonException } from '../common/errors/app.exception';
import { PutWasteDto, WasteFiguresDto, WasteYearDto } from './waste.dto';
import { WasteService } from './waste.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { WasteErrorCode } from './waste.exception';

const yearPipe = new ParseIntPipe({
  exceptionFactory: () =>
    CommonException.validation([
      { field: 'year', code: 'isInt', message: 'year must be a calendar year such as 2024' },
    ]),
});

@ApiTags('waste')
@Controller('pilots/:id/waste')
export class WasteController {
  constructor(private readonly waste: WasteService) {}

  @Put(':year')
  @ApiErrors(WasteErrorCode.YearOutOfRange, WasteErrorCode.PilotNotStarted)
  @Roles('lead', 'coordinator')
  @PilotScope('id')
  @ApiOperation({
    summary:
      'Waste tonnage of one CALENDAR year (from the baseline year, the one before the start, to the year the last project year ends in)',
  })
  @ApiOkResponse({ type: WasteYearDto })
  put(
    @Param('id') pilotId: string,
    @Param('year', yearPipe) year: number,
    @Body() body: PutWasteDto,
    @Ctx() ctx: RequestContext,
  ): Promise<WasteYearDto> {
    return this.waste.put(ctx, pilotId, year, body);
  }

  @Get()
  @ApiOperation({ summary: "A pilot's waste tonnage per year and per inhabitant" })
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiOkResponse({ type: WasteFiguresDto })
  figures(@Param('id') pilotId: string): Promise<WasteFiguresDto> {
    return this.waste.figures(pilotId);
  }
}
