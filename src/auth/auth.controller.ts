import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from 'src/access/actor';
import { Authenticated, Public } from 'src/access/can.decorator';
import { CurrentActor } from 'src/access/current-actor.decorator';
import { ClientCredentialsGuard, LocalAuthGuard, LoginThrottleGuard } from './auth.guards';
import { ClientTokenDto, LoginDto, RefreshDto } from './dto/login.dto';
import { RefreshTokenService } from './refresh-token.service';
import { MeResponse, LoginResponse, RefreshResponse, TokenResponse } from './dto/auth.responses';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly refreshTokens: RefreshTokenService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard, LocalAuthGuard)
  @ApiOperation({ summary: 'Sign in with email and password (throttled per account and per IP)' })
  @ApiOkResponse({ type: LoginResponse })
  login(@Body() _body: LoginDto, @Req() req: Request) {
    return req.user;
  }

  @Post('token')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard, ClientCredentialsGuard)
  @ApiOperation({ summary: 'OAuth2 client-credentials token for an API client' })
  @ApiOkResponse({ type: TokenResponse })
  token(@Body() _body: ClientTokenDto, @Req() req: Request) {
    return req.user;
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new access token and the next refresh token',
    description:
      'The presented token is spent. Presenting a spent token again is treated as theft: 401, and every token issued from the same sign-in is revoked. Expired, revoked or unknown tokens, and disabled users: 401 `invalid_refresh_token`.',
  })
  @ApiOkResponse({ type: RefreshResponse })
  refresh(@Body() body: RefreshDto) {
    return this.refreshTokens.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @UseGuards(LoginThrottleGuard)
  @ApiOperation({
    summary: 'Sign out: revoke the refresh token and every token issued from the same sign-in',
    description:
      'Always 204 for a well-formed body (an unknown token is not revealed). Access tokens already issued stay valid until they expire (JWT_TTL_SECONDS).',
  })
  @ApiNoContentResponse()
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.refreshTokens.logout(body.refreshToken);
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user or API client' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: Actor): MeResponse {
    return {
      kind: actor.kind,
      id: actor.id,
      name: actor.name,
      roles: actor.roles,
      scopes: actor.scopes,
      localAuthorityId: actor.localAuthorityId,
      agency: actor.agency,
    };
  }
}
