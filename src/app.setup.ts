import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './config/config';
import { requestContextMiddleware } from './common/request-context';
import { createValidationPipe } from './common/validation';

export const API_PREFIX = 'api/v1';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tandem API')
    .setDescription(
      'Case management for Family Help and Expert (Lead) Child Protection Practitioner co-working. ' +
        'Errors are RFC 9457 problem JSON. Collections return { data, nextCursor }.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (c, m) => `${c.replace(/Controller$/, '')}_${m}`,
  });
}

/** Everything about the HTTP surface that the app and the tests must share. */
export function configureApp(app: NestExpressApplication, config: AppConfig): OpenAPIObject {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(requestContextMiddleware);
  app.use(helmet());
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
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'docs', 'openapi.json'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = buildOpenApi(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return document;
}
