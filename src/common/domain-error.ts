export interface FieldError {
  field: string;
  message: string;
}

/**
 * Services throw DomainError with a stable machine-readable code; the global problem filter
 * maps it to an RFC 9457 body. `status` is the HTTP status the code stands for.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, detail: string, errors?: FieldError[]) =>
  new DomainError(400, code, detail, errors);
export const validationFailed = (field: string, message: string) =>
  new DomainError(400, 'validation_failed', `${field}: ${message}`, [{ field, message }]);
export const unauthorized = (detail = 'Authentication is required') =>
  new DomainError(401, 'unauthenticated', detail);
export const forbidden = (detail = 'Your role does not allow this action') =>
  new DomainError(403, 'forbidden', detail);
/** "Not found or not visible to you": never reveals whether another LA's record exists. */
export const notFound = (what = 'Resource') =>
  new DomainError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, detail: string, extra?: Record<string, unknown>) =>
  new DomainError(409, code, detail, undefined, extra);
export const preconditionFailed = (detail = 'The resource has changed; fetch it again') =>
  new DomainError(412, 'stale_version', detail);
export const preconditionRequired = () =>
  new DomainError(
    428,
    'if_match_required',
    'This update requires an If-Match header with the current ETag',
  );
