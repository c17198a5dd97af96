import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Actor } from 'src/access/actor';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import { PrincipalService } from './principal.service';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, TokenPayload } from './token.service';

/** Bearer tokens: HS256 only, issuer and audience checked, expiry enforced, and the user or
 * client re-read on every request so a disabled account stops at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly principals: PrincipalService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject (passed through to jsonwebtoken, which accepts it; the typings do not say
      // so): with a string, jsonwebtoken first tries and fails to parse it as a PEM public key on
      // every request, which cost ~15% of the CPU of an authenticated request.
      secretOrKey: createSecretKey(
        Buffer.from(config.JWT_SECRET as string, 'utf8'),
      ) as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(payload: TokenPayload): Promise<Actor> {
    const actor = await this.principals.load(payload);
    if (!actor) throw new UnauthorizedException();
    return actor;
  }
}
