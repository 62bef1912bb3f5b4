import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, PilotScope, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { AddMemberDto, CreateUserDto, MemberDto, UpdateUserDto, UserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('lead')
  @ApiCreatedResponse({ type: UserDto })
  create(@Body() body: CreateUserDto, @Ctx() ctx: RequestContext): Promise<UserDto> {
    return this.users.create(ctx, body);
  }

  @Get()
  @Roles('lead')
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Get(':userId')
  @Roles('lead')
  @ApiOkResponse({ type: UserDto })
  get(@Param('userId', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':userId')
  @Roles('lead')
  @ApiOkResponse({ type: UserDto })
  update(
    @Param('userId', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
    @Ctx() ctx: RequestContext,
  ): Promise<UserDto> {
    return this.users.update(ctx, id, body);
  }
}

@ApiTags('pilots')
@Controller('pilots/:id/members')
export class MembersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('lead')
  @PilotScope('id')
  @ApiCreatedResponse({ type: MemberDto })
  add(@Param('id') pilotId: string, @Body() body: AddMemberDto, @Ctx() ctx: RequestContext): Promise<MemberDto> {
    return this.users.addMember(ctx, pilotId, body.userId, body.role);
  }

  @Get()
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiOkResponse({ type: [MemberDto] })
  list(@Param('id') pilotId: string): Promise<MemberDto[]> {
    return this.users.listMembers(pilotId);
  }

  @Delete(':userId')
  @HttpCode(204)
  @Roles('lead')
  @PilotScope('id')
  remove(
    @Param('id') pilotId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    return this.users.removeMember(ctx, pilotId, userId);
  }
}
