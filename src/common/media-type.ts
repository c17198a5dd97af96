import type { NextFunction, Request, Response } from 'express';
import { DomainError } from './domain-error';

/** Bodies the API reads: JSON everywhere, and form encoding only where OAuth2 clients use it. */
const JSON_TYPE = /^application\/(json|[\w.+-]+\+json)\s*(;|$)/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
/** The one route that takes a form body: the OAuth2 token endpoint (RFC 6749 §4.4.2). */
const FORM_ROUTES = new Set(['/api/v1/auth/token']);

function acceptsForm(path: string): boolean {
  return FORM_ROUTES.has(path.toLowerCase().replace(/\/+$/, ''));
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** Document uploads (`POST /cases/:id/documents`) are the one place that reads multipart. */
const MULTIPART = /^multipart\/form-data\s*;/i;
const UPLOAD_PATH = /^\/api\/v1\/cases\/[^/]+\/documents\/?$/;

/** A request body in any other media type is refused with a 415 instead of being silently
 * ignored (the parsers skip it, and the handler would see no body at all). */
export function requireSupportedMediaType(req: Request, _res: Response, next: NextFunction): void {
  const type = req.headers['content-type'] ?? '';
  const upload = req.method === 'POST' && UPLOAD_PATH.test(req.path) && MULTIPART.test(type);
  if (
    hasBody(req) &&
    !upload &&
    !JSON_TYPE.test(type) &&
    !(FORM_TYPE.test(type) && acceptsForm(req.path))
  ) {
    next(
      new DomainError(415, 'unsupported_media_type', 'Send the request body as application/json'),
    );
    return;
  }
  next();
}
