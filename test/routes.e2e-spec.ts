import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { permissionMatrixMarkdown } from 'src/access/permission-doc';
import { PermissionGuard } from 'src/auth/permission.guard';
import { PERMISSIONS } from 'src/access/permissions';
import { collectRoutePermissions } from 'src/access/route-permissions';
import { API_PREFIX } from 'src/app.setup';
import { JwtStrategy } from 'src/auth/jwt.strategy';
import { AuditService } from 'src/audit/audit.service';
import { createTestApp, TestApp } from './utils/create-app';

const root = join(__dirname, '..');

describe('every route declares its permission', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('has no route without a declared, known permission', () => {
    const routes = collectRoutePermissions(t.app, API_PREFIX);
    expect(routes.length).toBeGreaterThan(10);
    const undeclared = routes.filter((r) => r.permission === null);
    expect(undeclared).toEqual([]);
    const unknown = routes.filter(
      (r) => !(PERMISSIONS as readonly string[]).includes(r.permission as string),
    );
    expect(unknown).toEqual([]);
  });

  it('matches the committed snapshot docs/route-permissions.json (run `npm run openapi` after a deliberate change)', () => {
    const committed = JSON.parse(
      readFileSync(join(root, 'docs', 'route-permissions.json'), 'utf8'),
    );
    expect(collectRoutePermissions(t.app, API_PREFIX)).toEqual(committed);
  });

  it('keeps the committed openapi.json in step with the code (run `npm run openapi`)', async () => {
    const served = (await t.req().get('/openapi.json')).body;
    const committed = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'));
    expect(served).toEqual(committed);
  });

  it('keeps docs/permissions.md in step with the role map', () => {
    expect(readFileSync(join(root, 'docs', 'permissions.md'), 'utf8')).toBe(
      permissionMatrixMarkdown(),
    );
  });

  it('refuses (fails closed) a route that declares no permission', async () => {
    const guard = new PermissionGuard(
      new Reflector(),
      t.app.get(AuditService),
      t.app.get(JwtStrategy),
    );
    const handler = () => undefined;
    class Undeclared {}
    const ctx = {
      getHandler: () => handler,
      getClass: () => Undeclared,
      switchToHttp: () => ({ getRequest: () => ({ headers: {} }) }),
    } as unknown as ExecutionContext;
    await expect(guard.canActivate(ctx)).rejects.toMatchObject({
      status: 403,
      code: 'permission_undeclared',
    });
  });
});
