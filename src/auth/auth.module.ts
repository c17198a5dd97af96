import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AuthController } from './auth.controller';
import { LocalAuthGuard, ClientCredentialsGuard, LoginThrottleGuard } from './auth.guards';
import { AuthService } from './auth.service';
import { ClientCredentialsStrategy } from './client-credentials.strategy';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { PrincipalCache } from './principal-cache';
import { PrincipalService } from './principal.service';
import { TokenService } from './token.service';
import { RefreshTokenRepository } from './refresh-token.repository';
import { RefreshTokenService } from './refresh-token.service';

@Module({
  imports: [PassportModule, JwtModule.register({})],
  controllers: [AuthController],
  providers: [
    AuthService,
    PasswordService,
    PrincipalService,
    PrincipalCache,
    TokenService,
    RefreshTokenService,
    RefreshTokenRepository,
    JwtStrategy,
    LocalStrategy,
    ClientCredentialsStrategy,
    LocalAuthGuard,
    ClientCredentialsGuard,
    LoginThrottleGuard,
    LoginThrottleService,
  ],
  exports: [
    PasswordService,
    TokenService,
    PrincipalCache,
    JwtStrategy,
    AuthService,
    LoginThrottleService,
  ],
})
export class AuthModule {}
