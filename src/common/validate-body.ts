import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors, validationException } from './validation';

/** The ValidationPipe's rules, for the few places (passport guards) that run before pipes. */
export function validateBody<T extends object>(cls: new () => T, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationException([{ field: 'body', message: 'body must be a JSON object' }]);
  }
  const instance = plainToInstance(cls, body);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw validationException(flattenValidationErrors(errors));
  return instance;
}
