import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { createHash } from 'node:crypto';
import { DomainError, validationFailed } from 'src/common/domain-error';
import { APP_CONFIG, AppConfig } from 'src/config/config';

/** What the upload guard leaves on the request for the idempotency interceptor. */
export interface UploadedRequest extends Request {
  /** Extra request content the Idempotency-Key hash must cover (the file's digest). */
  idempotencyExtra?: Record<string, string>;
}

/**
 * Parses a `multipart/form-data` upload (multer, in memory) after the permission guard has
 * authenticated the caller, and before the idempotency interceptor, so a retried upload is
 * recognised by its file's digest. One part named `file`, at most DOCUMENT_MAX_BYTES (413).
 */
@Injectable()
export class DocumentUploadGuard implements CanActivate {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.upload = multer({
      storage: multer.memoryStorage(),
      limits: {
        fileSize: config.DOCUMENT_MAX_BYTES,
        files: 1,
        fields: 10,
        fieldSize: 16 * 1024,
        parts: 12,
        headerPairs: 100,
      },
    }).single('file');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<UploadedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    await new Promise<void>((resolve, reject) =>
      this.upload(req, res, (err: unknown) => (err ? reject(toDomainError(err)) : resolve())),
    );
    if (!req.file)
      throw validationFailed('file', 'attach the document as the multipart part "file"');
    req.idempotencyExtra = {
      fileSha256: createHash('sha256').update(req.file.buffer).digest('hex'),
    };
    return true;
  }
}

function toDomainError(err: unknown): DomainError {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE')
      return new DomainError(413, 'payload_too_large', 'The document is larger than allowed', [
        { field: 'file', message: 'larger than the configured maximum (DOCUMENT_MAX_BYTES)' },
      ]);
    if (err.code === 'LIMIT_UNEXPECTED_FILE')
      return validationFailed(err.field ?? 'file', 'send exactly one file, in the part "file"');
    return validationFailed(err.field ?? 'body', 'the multipart body is not acceptable');
  }
  return new DomainError(400, 'malformed_multipart', 'The multipart body could not be read');
}
