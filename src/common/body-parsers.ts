import { parse as parseQueryString } from 'node:querystring';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';

/** The JSON media types read (`application/json`, `application/*+json`). */
const JSON_TYPES = /^application\/(json|[\w.+-]+\+json)\s*(;|$)/i;
const FORM_TYPE = 'application/x-www-form-urlencoded';
/** Most fields a form body may have (413 beyond, as body-parser's `parameterLimit`). */
const FORM_PARAMETER_LIMIT = 100;
const FIRST_CHAR = /^[ \t\n\r]*([^ \t\n\r])/;

const malformedJson = () =>
  new DomainError(400, 'malformed_json', 'The request body is not valid JSON');
const unsupportedEncoding = () =>
  new DomainError(415, 'unsupported_media_type', 'Unsupported body encoding');

function charsetOf(req: FastifyRequest): string {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '');
  return (m?.[1] ?? 'utf-8').toLowerCase();
}

/** The body as text in its declared charset (UTF-8 unless it says otherwise). */
function decode(req: FastifyRequest, body: Buffer, json: boolean): string {
  const charset = charsetOf(req);
  if (charset === 'utf-8' || charset === 'utf8') return body.toString('utf8');
  // As body-parser: JSON is UTF-8, -16 or -32 only; a form is UTF-8 only.
  if (!json || !charset.startsWith('utf-')) throw unsupportedEncoding();
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    throw unsupportedEncoding();
  }
}

/**
 * The body parsers, with what body-parser did under Express: strict JSON (an object or array at
 * the top; the parser's own words never reach the client), an empty JSON body read as `{}`,
 * `__proto__` keys left in the parsed value (the JSON depth check refuses them by name instead
 * of a parse error), form bodies as flat `querystring` objects with at most 100 fields. Bodies
 * over `bodyLimit` are Fastify's 413 (FST_ERR_CTP_BODY_TOO_LARGE); any other media type has no
 * parser (and was already refused with a 415 by the media-type check).
 */
export function registerBodyParsers(app: FastifyInstance, bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    JSON_TYPES,
    { parseAs: 'buffer', bodyLimit },
    (req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) => {
      let parsed: unknown;
      try {
        const text = decode(req, body, true);
        if (text.length === 0) return done(null, {});
        const first = FIRST_CHAR.exec(text)?.[1];
        if (first !== '{' && first !== '[') return done(malformedJson());
        parsed = JSON.parse(text);
      } catch (err) {
        return done(err instanceof DomainError ? err : malformedJson());
      }
      done(null, parsed);
    },
  );
  app.addContentTypeParser(
    FORM_TYPE,
    { parseAs: 'buffer', bodyLimit },
    (req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) => {
      let text: string;
      try {
        text = decode(req, body, false);
      } catch (err) {
        return done(err as Error);
      }
      if (text.split('&').length > FORM_PARAMETER_LIMIT)
        return done(
          new DomainError(413, 'payload_too_large', 'The request body could not be read'),
        );
      done(null, { ...parseQueryString(text, undefined, undefined, { maxKeys: 0 }) });
    },
  );
}
