import type { FastifyReply, FastifyRequest } from 'fastify';

/** The request as handlers, guards and filters see it (Fastify's, with what the app adds). */
export type HttpRequest = FastifyRequest & { user?: unknown };
export type HttpReply = FastifyReply;

/** The request's path, without the query string (Express's `req.path`). */
export function pathOf(req: { url: string }): string {
  const q = req.url.indexOf('?');
  return q < 0 ? req.url : req.url.slice(0, q);
}

/** The route template the request matched (`/api/v1/cases/:id`), else its path (Express's
 * `req.route.path ?? req.path`): audit metadata names routes, not record ids. */
export function routeOf(req: {
  url: string;
  is404?: boolean;
  routeOptions?: { url?: string };
}): string {
  return (!req.is404 && req.routeOptions?.url) || pathOf(req);
}
