import { DomainError } from 'src/common/domain-error';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** How the client authenticated: HTTP Basic (RFC 6749 §2.3.1) or the request body. */
  via: 'basic' | 'body';
}

const invalidClient = (detail: string) =>
  new DomainError(401, 'invalid_client', detail, undefined, { error: 'invalid_client' });
const invalidRequest = (detail: string) =>
  new DomainError(400, 'invalid_request', detail, undefined, { error: 'invalid_request' });

/** application/x-www-form-urlencoded decoding of a Basic credential part (§2.3.1, Appendix B). */
function formDecode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    throw invalidClient('Malformed HTTP Basic client credentials');
  }
}

/**
 * The client's credentials from `Authorization: Basic` or from the body (form or JSON), pure.
 * Using both at once is refused (§2.3: "MUST NOT use more than one authentication method").
 */
export function readClientCredentials(
  authorization: string | undefined,
  body: { client_id?: string; client_secret?: string },
): ClientCredentials {
  const basic = authorization?.match(/^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i);
  if (authorization !== undefined && /^Basic\b/i.test(authorization) && !basic)
    throw invalidClient('Malformed HTTP Basic client credentials');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) throw invalidClient('Malformed HTTP Basic client credentials');
    const clientId = formDecode(decoded.slice(0, colon));
    const clientSecret = formDecode(decoded.slice(colon + 1));
    if (body.client_secret !== undefined)
      throw invalidRequest('Authenticate the client with HTTP Basic or the body, not both');
    if (body.client_id !== undefined && body.client_id !== clientId)
      throw invalidRequest('client_id in the body differs from the HTTP Basic client');
    return { clientId, clientSecret, via: 'basic' };
  }
  if (body.client_id === undefined || body.client_secret === undefined)
    throw invalidClient(
      'Client authentication is required (HTTP Basic or client_id and client_secret)',
    );
  return { clientId: body.client_id, clientSecret: body.client_secret, via: 'body' };
}

/** The client id of an `Authorization: Basic` header, or null (never throws): lets sign-in
 * throttling key a Basic-authenticated client the same as one naming client_id in the body. */
export function basicClientId(authorization: string | undefined): string | null {
  try {
    return readClientCredentials(authorization, {}).clientId;
  } catch {
    return null;
  }
}
