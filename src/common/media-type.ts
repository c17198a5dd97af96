import type { IncomingHttpHeaders } from 'node:http';
import { DomainError } from './domain-error';

/** Bodies the API reads: JSON everywhere, and form encoding only where OAuth2 clients use it. */
const JSON_TYPE = /^application\/(json|[\w.+-]+\+json)\s*(;|$)/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
/** The one route that takes a form body: the OAuth2 token endpoint (RFC 6749 §4.4.2). */
const FORM_ROUTES = new Set(['/api/v1/auth/token']);

function acceptsForm(path: string): boolean {
  return FORM_ROUTES.has(path.toLowerCase().replace(/\/+$/, ''));
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  const length = headers['content-length'];
  return (length !== undefined && length !== '0') || headers['transfer-encoding'] !== undefined;
}

/** Document uploads (`POST /cases/:id/documents`, and an addressee's to its answer,
 * `POST /information-requests/:id/documents`) are the one place that reads multipart. */
const MULTIPART = /^multipart\/form-data\s*;/i;
const UPLOAD_PATH = /^\/api\/v1\/(cases|information-requests)\/[^/]+\/documents\/?$/;

/** A request body in any other media type is refused with a 415 instead of being silently
 * ignored (the handler would see no body at all). Checked in the `onRequest` hook, before the
 * body is read; `path` is the request's path without the query string. */
export function unsupportedMediaType(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
): DomainError | null {
  if (!hasBody(headers)) return null;
  const type = headers['content-type'] ?? '';
  if (JSON_TYPE.test(type)) return null;
  if (FORM_TYPE.test(type) && acceptsForm(path)) return null;
  if (method === 'POST' && MULTIPART.test(type) && UPLOAD_PATH.test(path)) return null;
  return new DomainError(
    415,
    'unsupported_media_type',
    'Send the request body as application/json',
  );
}
