import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { HttpRequest as Request } from 'src/common/http';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Actor } from 'src/access/actor';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import { TokenRejected } from './jwt-auth.guard';
import { PrincipalService } from './principal.service';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, TokenPayload } from './token.service';
import { VerifiedTokens } from './verified-tokens';

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/** Bearer tokens: HS256 only, issuer and audience checked, expiry enforced, and the user or
 * client re-read on every request so a disabled account stops at once. A token verified once is
 * not verified again until it expires (`VerifiedTokens`; `callerOfVerified`). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly verified = new VerifiedTokens();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly principals: PrincipalService,
  ) {
    super({
      jwtFromRequest: bearerToken,
      passReqToCallback: true,
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

  async validate(req: Request, payload: TokenPayload): Promise<Actor> {
    const actor = await this.principals.load(payload);
    if (!actor) throw new UnauthorizedException();
    this.verified.remember(bearerToken(req) as string, payload);
    return actor;
  }

  /**
   * The caller of a bearer token passport-jwt verified earlier and that has not expired, its
   * account checked again now (a refused account: `TokenRejected('revoked')`, as passport's path
   * reports it); `undefined` when the token is not one of those (verify it through passport).
   */
  callerOfVerified(req: Request): Promise<Actor> | undefined {
    const token = bearerToken(req);
    const payload = token ? this.verified.get(token) : undefined;
    if (!payload) return undefined;
    return this.principals.load(payload).then((actor) => {
      if (!actor) throw new TokenRejected('revoked');
      return actor;
    });
  }
}
