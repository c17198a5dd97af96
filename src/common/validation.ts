import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { FieldError } from './domain-error';
import { cacheValidationMetadata } from './validation-metadata-cache';

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // A field left out is "required", not every rule its value would have had to meet (the
    // error carries the value: undefined only when the field is absent, as JSON has no
    // undefined).
    const absent = 'value' in e && e.value === undefined && !e.constraints?.whitelistValidation;
    if (absent && e.constraints && Object.keys(e.constraints).length) {
      out.push({ field, message: `${field} is required` });
      continue;
    }
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({
        field,
        message: rule === 'whitelistValidation' ? `${field} is not an allowed field` : message,
      });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function validationException(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    problem: {
      code: 'validation_failed',
      detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    },
  });
}

/** Nest's ValidationPipe validates a missing body as `{}` but then hands the handler
 * `undefined`; an all-optional DTO (a PATCH) would then crash the service. A missing body is
 * `{}` here, validated and transformed like any other. */
class TandemValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const whole = metadata.type === 'body' && metadata.data === undefined;
    const body = whole && value === undefined ? {} : value;
    return super.transform(body, metadata);
  }
}

/** The one validation stack: unknown fields rejected, payloads transformed to DTO classes. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new TandemValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is kept on the error only to tell a field left out ("is required"); it never
    // reaches the answer.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => validationException(flattenValidationErrors(errors)),
  });
}

/** Like @IsOptional(), but only an absent field skips validation: an explicit `null` is still
 * validated (and refused by the type check) instead of reaching a NOT NULL column as a 500.
 * Use @IsOptional() only where null is a meaningful value (and say `nullable: true`). */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value: unknown) => value !== undefined);
}
