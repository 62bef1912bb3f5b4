import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Inject } from '@nestjs/common';
import { Public } from '../common/public.decorator';
import { CsrfChecked, Ctx, RequestWithContext, Roles } from './auth.decorators';
import {
  ChangePasswordDto,
  CreateTokenDto,
  LoginDto,
  LoginResponseDto,
  MeDto,
  TokenCreatedDto,
  TokenDto,
} from './auth.dto';
import { AuthErrorCode, AuthException } from './auth.exception';
import { AuthService } from './auth.service';
import { ROLES, type RequestContext } from './auth.types';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from './sessions.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';

const DEVICE_COOKIE = 'projetk_device';
const DEVICE_MAX_AGE_SECONDS = 90 * 24 * 3600;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @ApiOperation({ summary: 'Sign in with e-mail and password (sets the session cookie)' })
  @ApiErrors(AuthErrorCode.InvalidCredentials, AuthErrorCode.AccountDisabled, AuthErrorCode.TooManyAttempts)
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  async login(
    @Body() body: LoginDto,
    @Ctx() ctx: RequestContext,
    @Req() req: RequestWithContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const cookies = req.cookies as Record<string, string | undefined>;
    const { user, token, deviceToken } = await this.auth.login(
      ctx,
      body.email,
      body.password,
      req.headers['user-agent'] ?? null,
      cookies[DEVICE_COOKIE],
    );
    // Remembers this browser for the account, so its owner still signs in while others guess at the account.
    void reply.setCookie(DEVICE_COOKIE, deviceToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      path: '/api/auth',
      maxAge: DEVICE_MAX_AGE_SECONDS,
    });
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      path: '/',
      maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
    });
    return { user };
  }

  @Public()
  @CsrfChecked()
  @Post('logout')
  @ApiOperation({ summary: 'Sign out (ends the session and clears its cookie)' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(
    @Ctx() ctx: RequestContext,
    @Req() req: RequestWithContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(ctx, (req.cookies as Record<string, string | undefined>)[SESSION_COOKIE]);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiErrors(AuthErrorCode.UserNotFound)
  @Roles(...ROLES)
  @ApiOkResponse({ type: MeDto })
  me(@Ctx() ctx: RequestContext): Promise<MeDto> {
    if (!ctx.user) throw new AuthException(AuthErrorCode.Unauthenticated, 'Sign in first');
    return this.auth.me(ctx.user.id);
  }

  @Post('password')
  @ApiOperation({ summary: 'Change my password (ends my other sessions)' })
  @ApiErrors(AuthErrorCode.WrongPassword, AuthErrorCode.WeakPassword)
  @HttpCode(204)
  @Roles(...ROLES)
  @ApiNoContentResponse({ description: 'Every session ends; sign in again' })
  async changePassword(
    @Body() body: ChangePasswordDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.changePassword(ctx, body.currentPassword, body.newPassword);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Post('tokens')
  @ApiOperation({ summary: 'Create an API token (its secret is shown once)' })
  @Roles(...ROLES)
  @ApiCreatedResponse({ type: TokenCreatedDto })
  createToken(@Body() body: CreateTokenDto, @Ctx() ctx: RequestContext): Promise<TokenCreatedDto> {
    return this.auth.createToken(ctx, body.name);
  }

  @Get('tokens')
  @ApiOperation({ summary: 'List my API tokens' })
  @Roles(...ROLES)
  @ApiOkResponse({ type: [TokenDto] })
  listTokens(@Ctx() ctx: RequestContext): Promise<TokenDto[]> {
    return this.auth.listTokens(ctx);
  }

  @Delete('tokens/:tokenId')
  @ApiOperation({ summary: 'Revoke one of my API tokens' })
  @ApiErrors(AuthErrorCode.TokenNotFound)
  @HttpCode(204)
  @Roles(...ROLES)
  revokeToken(@Param('tokenId', ParseUUIDPipe) id: string, @Ctx() ctx: RequestContext): Promise<void> {
    return this.auth.revokeToken(ctx, id);
  }
}
