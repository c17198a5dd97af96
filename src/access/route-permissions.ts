import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { PERMISSION_KEY } from 'src/common/can.decorator';

export interface RoutePermission {
  method: string;
  path: string;
  permission: string | null;
}

function join(...parts: string[]): string {
  const p = parts
    .flatMap((x) => x.split('/'))
    .filter(Boolean)
    .join('/');
  return `/${p}`;
}

/** Every HTTP route of the app with the permission it declares (null = none: a bug). */
export function collectRoutePermissions(app: INestApplication, prefix: string): RoutePermission[] {
  const out: RoutePermission[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...a: unknown[]) => unknown) | undefined;
      if (!ctrl) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, ctrl) as string | undefined) ?? '';
      const classPerm = Reflect.getMetadata(PERMISSION_KEY, ctrl) as string | undefined;
      const proto = ctrl.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const permission =
          (Reflect.getMetadata(PERMISSION_KEY, handler) as string | undefined) ?? classPerm ?? null;
        const excluded = ['health'].includes(base);
        for (const p of Array.isArray(path) ? path : [path]) {
          out.push({ method, path: excluded ? join(base, p) : join(prefix, base, p), permission });
        }
      }
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
