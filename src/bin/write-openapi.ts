import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { permissionMatrixMarkdown } from '../access/permission-doc';
import { collectRoutePermissions } from '../access/route-permissions';
import { AppModule } from '../app.module';
import { API_PREFIX, buildOpenApi, httpAdapter } from '../app.setup';
import { loadConfig } from '../config/load-config';
import { CLIENT_SCHEMA_PATH, clientSchemaSource } from './client-schema';

/**
 * `npm run openapi`: writes openapi.json, docs/route-permissions.json and docs/permissions.md from the code, without
 * a database (Nest preview mode). Tests fail when either committed file is stale.
 */
async function main() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, 'postgres://unused@127.0.0.1:1/unused'),
    httpAdapter(config),
    { preview: true, logger: false, abortOnError: false },
  );
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'docs', 'openapi.json'] });
  const root = join(__dirname, '..', '..');
  const doc = buildOpenApi(app);
  writeFileSync(join(root, 'openapi.json'), JSON.stringify(doc, null, 2) + '\n');
  writeFileSync(join(root, CLIENT_SCHEMA_PATH), clientSchemaSource(join(root, 'openapi.json')));
  const routes = collectRoutePermissions(app, API_PREFIX);
  writeFileSync(
    join(root, 'docs', 'route-permissions.json'),
    JSON.stringify(routes, null, 2) + '\n',
  );
  writeFileSync(join(root, 'docs', 'permissions.md'), permissionMatrixMarkdown());
  console.log(
    `openapi.json, the typed client schema and docs/route-permissions.json written (${routes.length} routes)`,
  );
  await app.close();
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
