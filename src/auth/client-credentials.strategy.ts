import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { HttpRequest as Request } from 'src/common/http';
import { Strategy } from 'passport-custom';
import { validateBody } from 'src/common/validate-body';
import { AuthService } from './auth.service';
import { ClientTokenDto } from './dto/login.dto';
import { readClientCredentials } from './oauth-client-auth';

/** OAuth2 client credentials (RFC 6749 §4.4) as a passport strategy. */
@Injectable()
export class ClientCredentialsStrategy extends PassportStrategy(Strategy, 'client-credentials') {
  constructor(private readonly auth: AuthService) {
    super();
  }

  validate(req: Request) {
    const body = validateBody(ClientTokenDto, req.body);
    const client = readClientCredentials(req.headers.authorization, body);
    return this.auth.clientToken(client.clientId, client.clientSecret, body.scope);
  }
}
