import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { HttpReply as Response, HttpRequest as Request } from 'src/common/http';
import { toProblem } from 'src/common/problem.filter';
import { currentContext } from 'src/common/request-context';

/** RFC 6749 §5.2 error codes. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

/** Which §5.2 `error` a problem on the token endpoint is (pure). */
export function oauthErrorFor(
  problem: { status: number; code: string; errors?: { field: string }[]; error?: unknown },
  body: unknown,
): string {
  if (typeof problem.error === 'string') return problem.error;
  if (problem.status === 401) return 'invalid_client';
  if (problem.status === 429) return 'temporarily_unavailable';
  if (problem.status >= 500) return 'server_error';
  const grant = (body as { grant_type?: unknown } | undefined)?.grant_type;
  if (
    problem.errors?.some((e) => e.field === 'grant_type') &&
    typeof grant === 'string' &&
    grant !== ''
  )
    return 'unsupported_grant_type';
  if (problem.errors?.some((e) => e.field === 'scope')) return 'invalid_scope';
  return 'invalid_request';
}

/**
 * Errors of POST /auth/token in the OAuth2 shape (RFC 6749 §5.2): `application/json` with
 * `error` and `error_description`, 401 + `WWW-Authenticate: Basic` for a client that used HTTP
 * Basic. The RFC 9457 fields stay in the body too (extra members are allowed by §5.2).
 */
@Catch()
export class OAuthErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('OAuth');

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const problem = toProblem(exception);
    if (problem.status >= 500) {
      const err = exception as Error;
      this.logger.error(
        `${err?.name ?? 'Error'}: ${err?.message ?? String(exception)}`,
        err?.stack,
      );
    }
    if (res.sent || res.raw.headersSent) return;
    if (problem.status === 429) res.header('Retry-After', '60');
    const requestId = currentContext()?.requestId;
    const body = {
      error: oauthErrorFor(problem, req.body),
      error_description: problem.detail,
      ...problem,
      instance: req.originalUrl.split('?')[0],
      ...(requestId ? { requestId } : {}),
    };
    if (problem.status === 401 && /^Basic\b/i.test(req.headers.authorization ?? ''))
      res.header('WWW-Authenticate', 'Basic realm="tandem", charset="UTF-8"');
    res.header('Pragma', 'no-cache');
    void res
      .status(problem.status)
      .header('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify(body));
  }
}
