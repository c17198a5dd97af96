import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, trustProxySetting } from './config/config';
import { jsonDepthLimit } from './common/json-depth';
import { requireSupportedMediaType } from './common/media-type';
import { setCursorSecret } from './common/pagination';
import { securityHeaders } from './common/security-headers';
import { requestContextMiddleware } from './common/request-context';
import { createValidationPipe } from './common/validation';
import { collectRoutePermissions } from './access/route-permissions';
import { finishContract } from './common/openapi-contract';
import { documentIdempotencyKey } from './idempotency/idempotency.openapi';
import { QuietFrameworkLogger } from './logging/logging';

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
  return documentIdempotencyKey(finishContract(document, collectRoutePermissions(app, API_PREFIX)));
}

/** Everything about the HTTP surface that the app and the tests must share. */
export function configureApp(app: NestExpressApplication, config: AppConfig): OpenAPIObject {
  app.useLogger(new QuietFrameworkLogger(app.get(Logger)));
  // The client IP (login throttling, rate limits, audit) is the socket's unless TRUST_PROXY
  // names the proxies in front: a rotating X-Forwarded-For must not choose its own IP.
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  app.disable('x-powered-by');
  // Responses are no-store and versioned resources carry their own `ETag: "<version>"`
  // (API.md); Express's automatic weak ETag (a SHA-1 of every body) would only add a second,
  // different kind of ETag to unversioned responses, at a hash per response.
  app.set('etag', false);
  app.use(requestContextMiddleware);
  app.use(securityHeaders());
  app.use(requireSupportedMediaType);
  app.useBodyParser('json', {
    limit: config.BODY_LIMIT_BYTES,
    strict: true,
    type: ['application/json', 'application/*+json'],
  });
  app.useBodyParser('urlencoded', {
    limit: config.BODY_LIMIT_BYTES,
    extended: false,
    parameterLimit: 100,
  });
  app.use(jsonDepthLimit());
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'docs', 'openapi.json'] });
  app.useGlobalPipes(createValidationPipe());
  setCursorSecret(config.JWT_SECRET as string);
  const document = buildOpenApi(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return document;
}
