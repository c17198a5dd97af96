import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  Req,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { HttpRequest as Request } from 'src/common/http';
import type { Actor } from 'src/access/actor';
import { Authenticated, Public } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { ClientCredentialsGuard, LocalAuthGuard, LoginThrottleGuard } from './auth.guards';
import { ClientTokenDto, LoginDto, RefreshDto } from './dto/login.dto';
import { RefreshTokenService } from './refresh-token.service';
import {
  MeResponse,
  LoginResponse,
  OAuthErrorResponse,
  RefreshResponse,
  TokenResponse,
} from './dto/auth.responses';
import { OAuthErrorFilter } from './oauth-error.filter';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly refreshTokens: RefreshTokenService) {}

  @Post('login')
  @Header('Pragma', 'no-cache') // RFC 6749 §5.1, beside Cache-Control: no-store
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard, LocalAuthGuard)
  @ApiOperation({ summary: 'Sign in with email and password (throttled per account and per IP)' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password, or a disabled account' })
  login(@Body() _body: LoginDto, @Req() req: Request) {
    return req.user;
  }

  @Post('token')
  @Header('Pragma', 'no-cache') // RFC 6749 §5.1, beside Cache-Control: no-store
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard, ClientCredentialsGuard)
  @UseFilters(OAuthErrorFilter)
  @ApiOperation({
    summary: 'OAuth2 client-credentials token for an API client',
    description:
      'RFC 6749 §4.4. The client authenticates with HTTP Basic (`client_id:client_secret`, each ' +
      'form-urlencoded, §2.3.1) or with `client_id` and `client_secret` in the body (form or ' +
      'JSON), never both. `scope` may narrow the granted scopes. Errors follow §5.2: ' +
      '`{ error, error_description }` (plus the RFC 9457 fields) as application/json.',
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiOkResponse({ type: TokenResponse })
  @ApiBadRequestResponse({
    type: OAuthErrorResponse,
    description: 'invalid_request, unsupported_grant_type or invalid_scope',
  })
  @ApiUnauthorizedResponse({ type: OAuthErrorResponse, description: 'invalid_client' })
  token(@Body() _body: ClientTokenDto, @Req() req: Request) {
    return req.user;
  }

  @Post('refresh')
  @Header('Pragma', 'no-cache') // RFC 6749 §5.1, beside Cache-Control: no-store
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new access token and the next refresh token',
    description:
      'The presented token is spent. Presenting a spent token again is treated as theft: 401, and every token issued from the same sign-in is revoked. Expired, revoked or unknown tokens, and disabled users: 401 `invalid_refresh_token`.',
  })
  @ApiOkResponse({ type: RefreshResponse })
  @ApiUnauthorizedResponse({
    description: 'The refresh token is unknown, expired, revoked or reused',
  })
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
