import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from 'src/config/config';

export const JWT_ISSUER = 'tandem';
export const JWT_AUDIENCE = 'tandem-api';
export const JWT_ALGORITHM = 'HS256';

export interface TokenPayload {
  sub: string;
  typ: 'user' | 'client';
  la: string | null;
  scope?: string;
  /** The sign-in session (the refresh-token family) a user's access token belongs to: revoked
   * with the family (sign-out, reuse of a spent refresh token), the token stops at once. */
  sid?: string;
  /** Issue time in milliseconds (`iat` has whole seconds only): compared with the user's
   * `tokensValidAfter`, so a token issued just before a disable is refused after re-enabling. */
  iatMs?: number;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.JWT_TTL_SECONDS;
  }

  sign(payload: TokenPayload): string {
    return this.jwt.sign(
      { ...payload, iatMs: Date.now() },
      {
        algorithm: JWT_ALGORITHM,
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        expiresIn: this.config.JWT_TTL_SECONDS,
        secret: this.config.JWT_SECRET,
      },
    );
  }
}
