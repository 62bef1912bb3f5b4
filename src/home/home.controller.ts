import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { HomeDto, HomeQueryDto, SearchQueryDto, SearchResultsDto } from './home.dto';
import { HomeService } from './home.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { HomeErrorCode } from './home.exception';

@ApiTags('home')
@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  /**
   * One route for every role: the answer carries the view of the caller's role only (`lead`, `coordinator`, …).
   * The lead's pilots come one page at a time (`page`, `pageSize`, filters); the other roles ignore them.
   */
  @Get('home')
  @ApiOperation({ summary: "The signed-in user's home page" })
  @Roles('lead', 'coordinator', 'committee', 'reviewer')
  @ApiOkResponse({ type: HomeDto })
  get(@Query() query: HomeQueryDto, @Ctx() ctx: RequestContext): Promise<HomeDto> {
    return this.home.home(ctx, query);
  }

  @Get('search')
  @ApiOperation({ summary: 'Search pilots, actors, calls and candidatures' })
  @ApiErrors(HomeErrorCode.SearchTooShort)
  @Roles('lead', 'coordinator', 'committee', 'reviewer')
  @ApiOkResponse({
    type: SearchResultsDto,
    description: 'At most 10 hits per kind, limited to what the caller may read',
  })
  search(@Query() query: SearchQueryDto, @Ctx() ctx: RequestContext): Promise<SearchResultsDto> {
    return this.home.search(ctx, query.q);
  }
}
