import { INestApplication, MethodNotAllowedException } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCors from '@fastify/cors';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppConfig, trustProxySetting } from './config/config';
import { PROBLEM_CONTENT_TYPE, toProblem } from './common/problem.filter';
import { registerBodyParsers } from './common/body-parsers';
import { pathOf } from './common/http';
import { jsonBodyRefusal } from './common/json-depth';
import { unsupportedMediaType } from './common/media-type';
import { setCursorSecret } from './common/pagination';
import { securityHeaders } from './common/security-headers';
import { clientErrorHandler } from './common/client-error';
import {
  contextOfRequest,
  openRequestContext,
  requestIdOf,
  runInContext,
  runInRequestContext,
} from './common/request-context';
import { inFlight } from './lifecycle/in-flight';
import { createValidationPipe } from './common/validation';
import { collectRoutePermissions } from './access/route-permissions';
import { finishContract } from './openapi-contract';
import { documentErrors } from './common/openapi-errors';
import { documentIdempotencyKey } from './idempotency/idempotency.openapi';
import { QuietFrameworkLogger, requestLogLine } from './logging/logging';

export const API_PREFIX = 'api/v1';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tandem API')
    .setDescription(
      'Case management for Family Help and Expert (Lead) Child Protection Practitioner co-working. ' +
        'Errors are RFC 9457 problem JSON. Collections return { data, nextCursor }.',
    )
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (c, m) => `${c.replace(/Controller$/, '')}_${m}`,
  });
  return documentErrors(
    documentIdempotencyKey(finishContract(document, collectRoutePermissions(app, API_PREFIX))),
  );
}

type Handler = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Nest on Fastify. Nest's error and not-found handlers (which run the exception filters) are
 * entered in the request's context: an error raised while Fastify read the body (413, malformed
 * JSON) reaches them from the socket's async context, not the request's.
 */
export class TandemFastifyAdapter extends FastifyAdapter {
  override setErrorHandler(handler: Handler) {
    return super.setErrorHandler(function (
      this: unknown,
      err: unknown,
      req: unknown,
      res: unknown,
    ) {
      return runInRequestContext(req, () => handler.call(this, err, req, res));
    } as never);
  }

  override setNotFoundHandler(handler: Handler) {
    const fastify = () => this.getInstance();
    return super.setNotFoundHandler(function (this: unknown, req: unknown, res: unknown) {
      return runInRequestContext(req, () => {
        // A path that exists under other methods is a 405 naming them (RFC 9110 §15.5.6).
        const allow = allowedMethods(fastify(), req as FastifyRequest);
        if (allow.length)
          return sendMethodNotAllowed(req as FastifyRequest, res as FastifyReply, allow);
        return handler.call(this, req, res);
      });
    } as never);
  }
}

/** The Fastify server's options (the same for the app, the tests and `npm run openapi`). */
export function httpAdapter(config: AppConfig): TandemFastifyAdapter {
  return new TandemFastifyAdapter({
    // The client IP (login throttling, rate limits, audit) is the socket's unless TRUST_PROXY
    // names the proxies in front: a rotating X-Forwarded-For must not choose its own IP.
    // (proxy-addr semantics, as Express's 'trust proxy': hop count, addresses/CIDRs, names.)
    trustProxy: trustProxySetting(config.TRUST_PROXY) || undefined,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Node's http server defaults, as under Express (Fastify's own: keep-alive 72 s, no request
    // timeout).
    keepAliveTimeout: 5_000,
    requestTimeout: 300_000,
    // Request ids: the caller's X-Request-Id when well-formed, else a UUID.
    genReqId: requestIdOf,
    requestIdHeader: false,
    // Express's routing: case-insensitive, a trailing slash ignored, and no length limit of its
    // own on a path parameter (a malformed id is the UUID pipe's 400, not find-my-way's 414;
    // Node's 16 KiB header limit bounds the URL first).
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 16 * 1024 },
    // A URL Fastify cannot route (bad percent-encoding) is an ordinary 400 problem.
    frameworkErrors: (err: unknown, req: FastifyRequest, reply: FastifyReply) =>
      sendFrameworkError(err, req, reply),
    // A request Node's parser refuses (431 headers too large, 400, 408) is a problem too.
    clientErrorHandler: clientErrorHandler(secure),
  });
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The methods routed for the request's path (none: the path does not exist). */
function allowedMethods(
  fastify: { findRoute(o: { method: string; url: string }): unknown },
  req: FastifyRequest,
): string[] {
  const url = pathOf(req);
  return METHODS.filter((method) => method !== req.method && fastify.findRoute({ method, url }));
}

function sendMethodNotAllowed(req: FastifyRequest, reply: FastifyReply, allow: string[]): void {
  const problem = toProblem(
    new MethodNotAllowedException(
      `${req.method} is not allowed here; allowed: ${allow.join(', ')}`,
    ),
  );
  problem.instance = pathOf(req);
  problem.requestId = req.id;
  void reply
    .status(405)
    .header('Allow', allow.join(', '))
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}

/** helmet's headers, computed once (see security-headers.ts). */
const secure = securityHeaders();
const noop = () => undefined;

/** A request Fastify refused before its hooks ran: the same headers as any other response. */
function sendFrameworkError(err: unknown, req: FastifyRequest, reply: FastifyReply): void {
  openRequestContext(req, reply);
  secure(req, reply.raw, noop);
  const problem = toProblem(err);
  problem.instance = pathOf(req);
  problem.requestId = req.id;
  void reply
    .status(problem.status)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}

/** Everything about the HTTP surface that the app and the tests must share. */
export function configureApp(app: NestFastifyApplication, config: AppConfig): OpenAPIObject {
  app.useLogger(new QuietFrameworkLogger(app.get(Logger)));
  const fastify = app.getHttpAdapter().getInstance();
  // One hook per request for what Express did in five middlewares: in-flight tracking (graceful
  // stop), the request context and id, the precomputed security headers (on the raw response,
  // so that every response has them, Fastify's own errors and 404s included) and the media
  // type check. No ETag is computed: responses are no-store and versioned resources carry
  // their own `ETag: "<version>"` (docs/integrators.md).
  fastify.addHook('onRequest', (req, reply, done) => {
    inFlight.track(reply.raw);
    const ctx = openRequestContext(req, reply);
    secure(req, reply.raw, noop);
    const refused = unsupportedMediaType(req.method, ctx.path, req.headers);
    runInContext(ctx, () => done(refused ?? undefined));
  });
  // The access log: one line per finished request (not under NODE_ENV=test).
  if (config.NODE_ENV !== 'test') {
    fastify.addHook('onResponse', (req, reply, done) => {
      const log = PinoLogger.root;
      // Built only when it will be written (LOG_LEVEL=warn in production skips it).
      if (log.isLevelEnabled('info'))
        log.info(...requestLogLine(req.raw, reply.raw, reply.elapsedTime));
      done();
    });
  }
  registerBodyParsers(fastify, config.BODY_LIMIT_BYTES);
  // CORS: only the origins CORS_ORIGINS names (none by default). Bearer tokens, not cookies:
  // no credentials mode; the headers a UI sends and reads are listed.
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.length)
    void fastify.register(fastifyCors, {
      origin: origins,
      methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowedHeaders: [
        'Authorization',
        'Content-Type',
        'If-Match',
        'Idempotency-Key',
        'X-Request-Id',
      ],
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
      maxAge: 600,
    });
  // multipart/form-data is read by the document upload guard alone (its own limits); the media
  // type check refuses it on every other route.
  void fastify.register(fastifyMultipart);
  // Once the body is read: its depth, NUL and prototype-key checks. The body is read on the
  // socket's events; Fastify 5 binds its parser callback to the request's async context, and
  // the context is entered again here in case it did not (a getStore() when it did), so that
  // guards, pipes, handlers and filters always see it (test/http-context.e2e-spec.ts).
  fastify.addHook('preValidation', (req, _reply, done) => {
    const refused = jsonBodyRefusal(req.url, req.body);
    const ctx = contextOfRequest(req);
    if (ctx) runInContext(ctx, () => done(refused ?? undefined));
    else done(refused ?? undefined);
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'docs', 'openapi.json'] });
  app.useGlobalPipes(createValidationPipe());
  setCursorSecret(config.JWT_SECRET as string);
  const document = buildOpenApi(app);
  // Swagger UI's page loads its scripts relative to `/docs`: at `/docs/` they would resolve
  // under `/docs/docs/` and the page would stay blank, so `/docs/` is sent to `/docs`.
  fastify.addHook('onRequest', (req, reply, done) => {
    if (req.url === '/docs/' || req.url.startsWith('/docs/?')) {
      void reply.redirect(`/docs${req.url.slice('/docs/'.length)}`, 301);
      return;
    }
    done();
  });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return document;
}
