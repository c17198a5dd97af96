import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { userActor, type Actor } from 'src/access/actor';
import type { Agency, Role, Scope } from 'src/access/roles';
import { AuditService } from 'src/audit/audit.service';
import { DomainError } from 'src/common/domain-error';
import { currentContext } from 'src/common/request-context';
import { accountKey } from './login-throttle';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { RefreshTokenService } from './refresh-token.service';
import { TokenService } from './token.service';

export const INVALID_CREDENTIALS = 'Email or password is incorrect';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  user: { id: string; email: string; name: string; roles: Role[]; localAuthorityId: string | null };
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Same 401 body for an unknown email, a wrong password and a disabled account. */
  async login(email: string, password: string): Promise<LoginResult> {
    const rows: {
      id: string;
      email: string;
      name: string;
      roles: Role[];
      la: string | null;
      agency: Agency | null;
      active: boolean;
      hash: string;
    }[] = await this.ds.query(
      `SELECT id, email, name, roles, local_authority_id AS la, agency, active, password_hash AS hash
         FROM app_user WHERE lower(email) = lower($1)`,
      [email],
    );
    const u = rows[0];
    const ok = await this.passwords.verify(u?.hash, password);
    const account = accountKey('email', email);
    const ip = currentContext()?.ip ?? 'unknown';
    if (!u || !ok || !u.active) {
      await this.throttle.failure(account, ip);
      // An unknown email has no LA: the row is a platform-wide security event. Neither the
      // email (it may be a mistyped password) nor anything about other accounts is stored; a
      // keyed fingerprint correlates repeated attempts on the same name.
      await this.audit.record({
        actor: null,
        localAuthorityId: u?.la ?? null,
        action: 'auth.login',
        recordType: 'user',
        recordId: u?.id ?? null,
        outcome: 'failure',
        metadata: {
          reason: !u ? 'unknown_email' : !ok ? 'wrong_password' : 'disabled',
          account: this.throttle.fingerprint(account),
        },
      });
      throw new DomainError(401, 'invalid_credentials', INVALID_CREDENTIALS);
    }
    await this.throttle.success(account, ip);
    const actor: Actor = userActor(u);
    const session = await this.ds.transaction(async (m) => {
      await this.audit.record(
        { actor, action: 'auth.login', recordType: 'user', recordId: u.id },
        m,
      );
      return this.refreshTokens.issue(m, u.id);
    });
    return {
      accessToken: this.tokens.sign({ sub: u.id, typ: 'user', la: u.la, sid: session.sid }),
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      refreshToken: session.token,
      user: { id: u.id, email: u.email, name: u.name, roles: u.roles, localAuthorityId: u.la },
    };
  }

  async clientToken(clientId: string, secret: string, requested?: string) {
    const rows: { id: string; la: string; scopes: Scope[]; active: boolean; hash: string }[] =
      await this.ds.query(
        `SELECT id, local_authority_id AS la, scopes, active, secret_hash AS hash FROM api_client WHERE client_id = $1`,
        [clientId],
      );
    const c = rows[0];
    const ok = await this.passwords.verify(c?.hash, secret);
    const account = accountKey('client', clientId);
    const ip = currentContext()?.ip ?? 'unknown';
    if (!c || !ok || !c.active) {
      await this.throttle.failure(account, ip);
      await this.audit.record({
        actor: null,
        localAuthorityId: c?.la ?? null,
        action: 'auth.token',
        recordType: 'api_client',
        recordId: c?.id ?? null,
        outcome: 'failure',
        metadata: {
          reason: !c ? 'unknown_client' : !ok ? 'wrong_secret' : 'disabled',
          account: this.throttle.fingerprint(account),
        },
      });
      throw new DomainError(401, 'invalid_client', 'Client authentication failed', undefined, {
        error: 'invalid_client',
      });
    }
    await this.throttle.success(account, ip);
    let scopes = c.scopes;
    if (requested !== undefined && requested.trim() !== '') {
      const asked = requested.trim().split(/\s+/);
      const unknown = asked.filter((s) => !c.scopes.includes(s as Scope));
      if (unknown.length) {
        throw new DomainError(
          400,
          'invalid_scope',
          `Scopes not granted to this client: ${unknown.join(' ')}`,
          [{ field: 'scope', message: 'contains scopes not granted to this client' }],
          { error: 'invalid_scope' },
        );
      }
      scopes = asked as Scope[];
    }
    const scope = scopes.join(' ');
    await this.audit.record({
      actor: {
        kind: 'client',
        id: c.id,
        name: clientId,
        roles: [],
        scopes,
        localAuthorityId: c.la,
        agency: null,
      },
      action: 'auth.token',
      recordType: 'api_client',
      recordId: c.id,
    });
    return {
      access_token: this.tokens.sign({ sub: c.id, typ: 'client', la: c.la, scope }),
      token_type: 'Bearer' as const,
      expires_in: this.tokens.ttlSeconds,
      scope,
    };
  }
}
