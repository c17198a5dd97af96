import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { validationFailed } from './domain-error';
import { currentContext } from './request-context';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** `limit` and `cursor` for every collection; limit over 200 is a 400. */
export class PageQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    example: 50,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

let cursorKey: Buffer = randomBytes(32);

/** Cursors are signed so that only cursors this API issued are accepted, and only on the
 * endpoint and filters they came from: a forged, mangled or moved cursor is a 400, never a
 * value cast to a timestamp or uuid in SQL. Call once at start-up
 * with a secret shared by every instance (else a random per-process key is used). */
export function setCursorSecret(secret: string): void {
  cursorKey = createHmac('sha256', secret).update('tandem-cursor-v1').digest();
}

/** Signs the payload together with the request's endpoint and filters (cursorScopeOf): a
 * `/cases` cursor presented to `/users`, or with another filter, fails the check (400). */
function sign(payload: string): string {
  const scope = currentContext()?.cursorScope ?? '';
  return createHmac('sha256', cursorKey)
    .update(`${scope}\n${payload}`)
    .digest('base64url')
    .slice(0, 22);
}

export function encodeCursor(values: (string | number)[]): string {
  const payload = Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
  return `${payload}.${sign(payload)}`;
}

/** Decodes a cursor into exactly `arity` string/number keys, or throws a 400 naming `cursor`. */
export function decodeCursor(
  cursor: string | undefined,
  arity: number,
): (string | number)[] | null {
  if (cursor === undefined) return null;
  try {
    const [payload, mac, ...rest] = cursor.split('.');
    const expected = Buffer.from(sign(payload ?? ''));
    const given = Buffer.from(mac ?? '');
    if (!rest.length && given.length === expected.length && timingSafeEqual(given, expected)) {
      const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (
        Array.isArray(parsed) &&
        parsed.length === arity &&
        parsed.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
      ) {
        return parsed as (string | number)[];
      }
    }
  } catch {
    /* fall through */
  }
  throw validationFailed('cursor', 'cursor is not valid');
}

/** Given limit+1 rows, returns the page and the cursor of its last row. */
export function toPage<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => (string | number)[],
): Page<T> {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  return { data, nextCursor: hasMore ? encodeCursor(keyOf(data[data.length - 1])) : null };
}
