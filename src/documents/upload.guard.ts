import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Multipart } from '@fastify/multipart';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessService } from 'src/access/access.service';
import type { Actor } from 'src/access/actor';
import type { Permission } from 'src/access/permissions';
import type { InCaseKind } from 'src/common/record-kind';
import { badRequest, DomainError, validationFailed } from 'src/common/domain-error';
import type { HttpRequest } from 'src/common/http';
import { PROTOTYPE_KEYS } from 'src/common/json-depth';
import { APP_CONFIG, AppConfig } from 'src/config/config';

/** The uploaded file, as the document service reads it. */
export interface UploadedFile {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
  size: number;
}

/** What the upload guard leaves on the request for the handler and the idempotency
 * interceptor. */
export type UploadedRequest = HttpRequest & {
  user?: Actor;
  params?: Record<string, string | undefined>;
  uploadedFile?: UploadedFile;
  /** Extra request content the Idempotency-Key hash must cover (the file's digest). */
  idempotencyExtra?: Record<string, string>;
};

type Fields = Record<string, unknown>;

/** An upload route whose `:id` names a record inside a case rather than the case itself. */
export interface UploadTarget {
  permission: Permission;
  kind: InCaseKind;
}
const UPLOAD_TARGET = 'tandem:upload-target';

/** Declares which record `:id` names on an upload route (default: the case, under
 * `document.upload`), so the guard asks the gate the route's own question before the body. */
export const UploadTo = (target: UploadTarget) => SetMetadata(UPLOAD_TARGET, target);

/**
 * Parses a `multipart/form-data` upload (@fastify/multipart, in memory) after the permission
 * guard has authenticated the caller, and before the idempotency interceptor, so a retried
 * upload is recognised by its file's digest. One part named `file`, at most DOCUMENT_MAX_BYTES
 * (413). The other parts become the body (`attachedTo[type]` nests, as multer did).
 *
 * Not one byte of the body is read before the access gate has let the caller upload to the case
 * (`document.upload` on an open case, the same verdict the service asks again in its
 * transaction): a case the caller may not see is a 404, and a closed one a 409, before the
 * upload is buffered, so uploads to another LA's or a restricted case cost no memory.
 */
@Injectable()
export class DocumentUploadGuard implements CanActivate {
  private readonly limits: {
    fileSize: number;
    files: number;
    fields: number;
    fieldSize: number;
    parts: number;
    headerPairs: number;
  };

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly access: AccessService,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reflector: Reflector,
  ) {
    this.limits = {
      fileSize: config.DOCUMENT_MAX_BYTES,
      files: 1,
      fields: 10,
      fieldSize: 16 * 1024,
      parts: 12,
      headerPairs: 100,
    };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<UploadedRequest>();
    await this.requireUploadable(
      req,
      this.reflector.get<UploadTarget | undefined>(UPLOAD_TARGET, context.getHandler()),
    );
    if (!req.isMultipart()) {
      // A body in another media type (JSON) is the wrong media type: 415 (after the permission
      // and record checks, so a caller who may not upload here still meets their 403/404).
      if (req.headers['content-type'])
        throw new DomainError(
          415,
          'unsupported_media_type',
          'Send the document as multipart/form-data (a part named "file")',
        );
      throw validationFailed('file', 'attach the document as the multipart part "file"');
    }
    const fields: Fields = Object.create(null) as Fields;
    let file: UploadedFile | undefined;
    try {
      for await (const part of req.parts({ limits: this.limits }) as AsyncIterable<Multipart>) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') {
            part.file.resume();
            throw validationFailed(part.fieldname, 'send exactly one file, in the part "file"');
          }
          const buffer = await part.toBuffer();
          file = {
            buffer,
            originalname: part.filename,
            mimetype: part.mimetype,
            size: buffer.length,
          };
        } else {
          if (part.valueTruncated)
            throw validationFailed(part.fieldname, 'the multipart body is not acceptable');
          appendField(fields, part.fieldname, String(part.value));
        }
      }
    } catch (err) {
      // Whatever was not read is drained, so that the refusal reaches the client.
      req.raw.resume();
      throw toDomainError(err);
    }
    if (!file) throw validationFailed('file', 'attach the document as the multipart part "file"');
    req.uploadedFile = file;
    req.body = fields;
    req.idempotencyExtra = {
      fileSha256: createHash('sha256').update(file.buffer).digest('hex'),
    };
    return true;
  }

  /** The gate's verdict on the route's case (or the record its `:id` names), before the body
   * (its id as the UuidPipe wants it). */
  private async requireUploadable(req: UploadedRequest, target?: UploadTarget): Promise<void> {
    const id = req.params?.id;
    if (typeof id !== 'string' || !isUUID(id)) throw validationFailed('id', 'must be a UUID');
    if (!req.user) throw new Error('the upload guard runs after authentication');
    if (target)
      await this.access.requireRecordById(this.ds.manager, req.user, target.permission, {
        kind: target.kind,
        id: id.toLowerCase(),
      });
    else
      await this.access.requireCase(
        this.ds.manager,
        req.user,
        'document.upload',
        id.toLowerCase(),
        {
          open: true,
        },
      );
  }
}

/**
 * A form field into the body, with the bracket syntax of HTML JSON forms (as multer's
 * append-field): `a[b]` nests, `a[]` appends, `a[0]` indexes, a repeated name becomes a list.
 */
export function appendField(into: Fields, name: string, value: string): void {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  const steps = m ? [m[1], ...[...m[2].matchAll(/\[([^[\]]*)\]/g)].map((s) => s[1])] : [name];
  for (const step of steps) {
    if (PROTOTYPE_KEYS.has(step)) {
      const message = `${step} is not an allowed key anywhere in a body`;
      throw badRequest('prototype_key', `${name}: ${message}`, [{ field: name, message }]);
    }
  }
  let at: Fields | unknown[] = into;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    const nextIsIndex = !last && /^\d*$/.test(steps[i + 1]);
    if (Array.isArray(at)) {
      const index = step === '' ? at.length : Number(step);
      if (last) at[index] = value;
      else at = (at[index] ??= nextIsIndex ? [] : (Object.create(null) as Fields)) as Fields;
      continue;
    }
    const obj: Fields = at;
    if (last) {
      const existing = obj[step];
      if (existing === undefined) obj[step] = value;
      else if (Array.isArray(existing)) existing.push(value);
      else obj[step] = [existing, value];
    } else {
      const existing = obj[step];
      if (existing === null || typeof existing !== 'object')
        obj[step] = nextIsIndex ? [] : (Object.create(null) as Fields);
      at = obj[step] as Fields | unknown[];
    }
  }
}

function toDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new DomainError(413, 'payload_too_large', 'The document is larger than allowed', [
      { field: 'file', message: 'larger than the configured maximum (DOCUMENT_MAX_BYTES)' },
    ]);
  if (
    code === 'FST_FILES_LIMIT' ||
    code === 'FST_PARTS_LIMIT' ||
    code === 'FST_FIELDS_LIMIT' ||
    code === 'FST_PROTO_VIOLATION' ||
    code === 'FST_INVALID_JSON_FIELD_ERROR'
  )
    return validationFailed('body', 'the multipart body is not acceptable');
  return new DomainError(400, 'malformed_multipart', 'The multipart body could not be read');
}
