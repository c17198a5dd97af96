/**
 * OAuth2 client credentials (RFC 6749 §4.4) against `POST /api/v1/auth/token`: fetches a token,
 * keeps it, and fetches a new one shortly BEFORE it expires (`refreshBeforeSeconds`, default
 * 60 s), so a long-running integration never sends an expired token. Concurrent callers share
 * one token request.
 *
 *   const credentials = new ClientCredentials({ baseUrl, clientId, clientSecret, scope: 'cases:read' });
 *   const api = createTandemClient({ baseUrl, token: () => credentials.token() });
 */

/** An RFC 6749 §5.2 error from the token endpoint (`invalid_client`, `invalid_scope`, …). */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string | undefined,
  ) {
    super(`${status} ${error}${description ? `: ${description}` : ''}`);
  }
}

export interface ClientCredentialsOptions {
  /** The server, e.g. `https://tandem.example.gov.uk` (the token route is under `/api/v1`). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes to ask for (default: all the client holds). */
  scope?: string;
  /** Fetch a new token this many seconds before the current one expires (default 60). */
  refreshBeforeSeconds?: number;
  fetch?: typeof fetch;
  /** The clock, in milliseconds (tests). */
  now?: () => number;
}

interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
}

export class ClientCredentials {
  private current: { token: string; refreshAt: number; scope: string | undefined } | null = null;
  private pending: Promise<string> | null = null;
  /** How many tokens were fetched (for monitoring and tests). */
  fetched = 0;

  constructor(private readonly opts: ClientCredentialsOptions) {}

  /** A valid bearer token: the kept one, or a fresh one when it expires within the margin. */
  token(): Promise<string> {
    const now = (this.opts.now ?? Date.now)();
    if (this.current && now < this.current.refreshAt) return Promise.resolve(this.current.token);
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** The scopes granted with the current token (after the first `token()`). */
  get grantedScope(): string | undefined {
    return this.current?.scope;
  }

  /** Forget the kept token (e.g. after a 401 because the client's secret was rotated). */
  invalidate(): void {
    this.current = null;
  }

  private async fetchToken(): Promise<string> {
    const { baseUrl, clientId, clientSecret, scope } = this.opts;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope !== undefined) form.set('scope', scope);
    // HTTP Basic, the RFC's default: each part form-urlencoded, then base64.
    const basic = btoa(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`);
    const doFetch = this.opts.fetch ?? fetch;
    const res = await doFetch(`${baseUrl.replace(/\/+$/, '')}/api/v1/auth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${basic}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: form.toString(),
    });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const b = (body ?? {}) as { error?: unknown; error_description?: unknown };
      throw new TokenError(
        res.status,
        typeof b.error === 'string' ? b.error : `http_${res.status}`,
        typeof b.error_description === 'string' ? b.error_description : undefined,
      );
    }
    const t = body as TokenResponse;
    const margin = (this.opts.refreshBeforeSeconds ?? 60) * 1000;
    const issuedAt = (this.opts.now ?? Date.now)();
    // Never refresh sooner than half the lifetime, however short the token.
    const refreshAt = issuedAt + Math.max(t.expires_in * 1000 - margin, (t.expires_in * 1000) / 2);
    this.current = { token: t.access_token, refreshAt, scope: t.scope };
    this.fetched += 1;
    return t.access_token;
  }
}
