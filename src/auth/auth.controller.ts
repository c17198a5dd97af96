import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from 'src/access/actor';
import { Authenticated, Public } from 'src/access/can.decorator';
import { CurrentActor } from 'src/access/current-actor.decorator';
import { ClientCredentialsGuard, LocalAuthGuard, LoginThrottleGuard } from './auth.guards';
import { ClientTokenDto, LoginDto } from './dto/login.dto';
import { MeResponse, LoginResponse, TokenResponse } from './dto/auth.responses';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
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
