import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, PilotScope, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { AddMemberDto, CreateUserDto, MemberDto, UpdateUserDto, UserDto } from './users.dto';
import { UsersService } from './users.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { AuthErrorCode } from '../auth/auth.exception';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create an account' })
  @ApiErrors(AuthErrorCode.EmailTaken, AuthErrorCode.WeakPassword)
  @Roles('lead')
  @ApiCreatedResponse({ type: UserDto })
  create(@Body() body: CreateUserDto, @Ctx() ctx: RequestContext): Promise<UserDto> {
    return this.users.create(ctx, body);
  }

  @Get()
  @ApiOperation({ summary: 'List accounts' })
  @Roles('lead')
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Get(':userId')
  @ApiOperation({ summary: 'Get an account' })
  @ApiErrors(AuthErrorCode.UserNotFound)
  @Roles('lead')
  @ApiOkResponse({ type: UserDto })
  get(@Param('userId', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':userId')
  @ApiOperation({ summary: 'Update an account (role, name, active, password)' })
  @ApiErrors(AuthErrorCode.UserNotFound, AuthErrorCode.LastLead, AuthErrorCode.WeakPassword, AuthErrorCode.EmailTaken)
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
  @ApiOperation({ summary: 'Add a member to a pilot' })
  @ApiErrors(AuthErrorCode.UserNotFound, AuthErrorCode.MemberRoleMismatch)
  @Roles('lead')
  @PilotScope('id')
  @ApiCreatedResponse({ type: MemberDto })
  add(@Param('id') pilotId: string, @Body() body: AddMemberDto, @Ctx() ctx: RequestContext): Promise<MemberDto> {
    return this.users.addMember(ctx, pilotId, body.userId, body.role);
  }

  @Get()
  @ApiOperation({ summary: "List a pilot's members" })
  @Roles('lead', 'coordinator', 'reviewer')
  @PilotScope('id')
  @ApiOkResponse({ type: [MemberDto] })
  list(@Param('id') pilotId: string): Promise<MemberDto[]> {
    return this.users.listMembers(pilotId);
  }

  @Delete(':userId')
  @ApiOperation({ summary: 'Remove a member from a pilot' })
  @ApiErrors(AuthErrorCode.UserNotFound)
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
