import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { AuditedDenial, DenialRecorder, denialAtRoute } from './denial-audit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from './db-errors';
import { DomainError, FieldError } from './domain-error';
import { currentContext } from './request-context';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
  [k: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const DEFAULT_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
};

/** Errors Fastify raises before Nest sees the request carry `code` (`FST_…`) and `statusCode`. */
interface FastifyErrorLike {
  code?: unknown;
  statusCode?: unknown;
}

/** Errors in body-parser's shape (`type` and `status`: raw-body, and body-parser should a parser
 * built on it be mounted again). */
interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/** `Content-Type` of a problem (as Express's `res.type(…).send(string)` set it). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function toProblem(exception: unknown): Problem {
  if (exception instanceof DomainError) {
    return build(
      exception.status,
      exception.code,
      exception.message,
      exception.errors,
      exception.extra,
    );
  }
  if (exception instanceof ThrottlerException) {
    return build(429, 'rate_limited', 'Too many requests; slow down and retry later');
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (typeof body === 'object' && body && 'problem' in body) {
      const p = (body as { problem: Problem }).problem;
      return build(status, p.code, p.detail, p.errors);
    }
    const message =
      typeof body === 'string'
        ? body
        : Array.isArray((body as { message?: unknown }).message)
          ? (body as { message: string[] }).message.join('; ')
          : String((body as { message?: unknown }).message ?? exception.message);
    if (status === 400 && /JSON/.test(message)) {
      // body-parser's SyntaxError, wrapped by Nest: say what happened, not the parser's words.
      return build(400, 'malformed_json', 'The request body is not valid JSON');
    }
    return build(
      status,
      DEFAULT_CODES[status] ?? 'error',
      status === 404 ? 'Resource not found' : message,
    );
  }
  const db = fromDatabaseError(exception);
  if (db) return db;
  const fst = exception as FastifyErrorLike | null;
  const fstStatus = fst?.statusCode;
  if (
    typeof fst?.code === 'string' &&
    fst.code.startsWith('FST_') &&
    typeof fstStatus === 'number' &&
    fstStatus < 500
  ) {
    if (fst.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return build(413, 'payload_too_large', 'The request body is too large');
    if (fst.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return build(415, 'unsupported_media_type', 'Send the request body as application/json');
    if (fst.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fst.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
      return build(400, 'malformed_json', 'The request body is not valid JSON');
    return build(
      fstStatus,
      DEFAULT_CODES[fstStatus] ?? 'bad_request',
      fstStatus === 404 ? 'Resource not found' : 'The request could not be read',
    );
  }
  const bp = exception as BodyParserError;
  const bpStatus = bp?.status ?? bp?.statusCode;
  if (bp && typeof bp.type === 'string' && typeof bpStatus === 'number' && bpStatus < 500) {
    if (bp.type === 'entity.too.large')
      return build(413, 'payload_too_large', 'The request body is too large');
    if (bp.type === 'entity.parse.failed')
      return build(400, 'malformed_json', 'The request body is not valid JSON');
    if (bp.type === 'encoding.unsupported' || bp.type === 'charset.unsupported')
      return build(415, 'unsupported_media_type', 'Unsupported body encoding');
    return build(
      bpStatus,
      DEFAULT_CODES[bpStatus] ?? 'bad_request',
      'The request body could not be read',
    );
  }
  return build(
    500,
    'internal_error',
    'An unexpected error occurred; quote the request id to support',
  );
}

/**
 * Database refusals that are not bugs: a unique key taken by a concurrent request between the
 * service's check and its insert (409), a serialisation failure or deadlock (409, retry), the
 * statement timeout (503). Other constraint errors stay 500: they mean validation is missing,
 * and the fuzz tests must see them.
 */
function fromDatabaseError(exception: unknown): Problem | null {
  const e = exception as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (code === '23505')
    return build(409, 'conflict', 'The request conflicts with an existing record');
  if (code === '40001' || code === '40P01')
    return build(409, 'concurrent_update', 'A concurrent change got there first; retry');
  if (code === '57014') return build(503, 'timeout', 'The request took too long; retry later');
  if (isDatabaseUnavailable(exception))
    return build(503, 'database_unavailable', 'The database is unavailable; retry shortly');
  return null;
}

function build(
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
): Problem {
  const problem: Problem = {
    type: `https://tandem.example/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
    status,
    detail,
    code,
    ...(extra ?? {}),
  };
  if (errors?.length) problem.errors = errors;
  return problem;
}

/** The one place errors become HTTP: RFC 9457 problem JSON, request id added, no stack or SQL. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly audit: DenialRecorder) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    // A record-level refusal carries its audit entry: written now (detached: the response does
    // not wait on the lookup or the write), whatever transaction it was raised in having rolled
    // back.
    if (exception instanceof AuditedDenial) {
      void this.audit.recordDenial(denialAtRoute(exception, req), exception.lookup);
    }
    const problem = toProblem(exception);
    problem.instance = req.originalUrl?.split('?')[0];
    const requestId = currentContext()?.requestId;
    if (requestId) problem.requestId = requestId;
    if (problem.status >= 500) {
      const err = exception as Error;
      this.logger.error(
        `${err?.name ?? 'Error'}: ${err?.message ?? String(exception)} [${requestId}]`,
        err?.stack,
      );
    }
    if (res.sent || res.raw.headersSent) return;
    if (problem.status === 429 && !res.getHeader('Retry-After')) res.header('Retry-After', '60');
    if (problem.code === 'database_unavailable') res.header('Retry-After', '5');
    void res
      .status(problem.status)
      .header('Content-Type', PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem));
  }
}
