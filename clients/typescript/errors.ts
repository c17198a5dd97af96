/**
 * Typed errors. Every Tandem error is RFC 9457 problem JSON (`Problem` in openapi.json): `type`,
 * `title`, `status`, `code`, `detail`, `requestId`, and on a 400 or 422 `errors: [{ field,
 * message }]`. `unwrap` turns an openapi-fetch result into its body, or throws a
 * `TandemApiError` carrying that problem, so an integrator writes one `catch`.
 */
import type { components } from './schema';

export type Problem = components['schemas']['Problem'];

export class TandemApiError extends Error {
  override readonly name = 'TandemApiError';
  /** The problem body the server answered (a minimal one when the body was not a problem). */
  readonly problem: Problem;

  constructor(
    readonly status: number,
    problem: Problem,
  ) {
    super(`${status} ${problem.code}: ${problem.detail ?? problem.title}`);
    this.problem = problem;
  }

  /** The machine code (`validation_failed`, `not_found`, `case_closed`, …). */
  get code(): string {
    return this.problem.code;
  }

  /** The fields a 400 or 422 named, with their messages. */
  get fieldErrors(): { field: string; message: string }[] {
    return this.problem.errors ?? [];
  }

  /** The request id to quote to Tandem's operators. */
  get requestId(): string | undefined {
    return this.problem.requestId;
  }
}

export function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b['status'] === 'number' && typeof b['title'] === 'string';
}

/** A problem for a body that is not one (a proxy's HTML page, an empty 502…). */
function problemOf(response: Response, body: unknown): Problem {
  if (isProblem(body)) return { ...body, code: typeof body.code === 'string' ? body.code : '' };
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    code: `http_${response.status}`,
  };
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The body of a successful openapi-fetch call, typed as the operation's success body; throws a
 * `TandemApiError` for any error status:
 *
 *   const kase = await unwrap(api.GET('/api/v1/cases/{id}', { params: { path: { id } } }));
 */
export async function unwrap<R extends FetchResult>(
  call: Promise<R> | R,
): Promise<Exclude<R['data'], undefined>> {
  const result = await call;
  if (!result.response.ok || result.error !== undefined)
    throw new TandemApiError(result.response.status, problemOf(result.response, result.error));
  return result.data as Exclude<R['data'], undefined>;
}
