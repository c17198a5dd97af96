import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

/** `false`, a hop count, or addresses / CIDRs / proxy-addr names separated by commas. */
export const TRUST_PROXY =
  /^(false|\d{1,2}|((loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?))*))$/;

/** Express's `trust proxy` value for TRUST_PROXY. `true` (trust every hop) is never offered:
 * it lets any client choose its own IP. */
export function trustProxySetting(value: string): false | number | string[] {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((s) => s.trim());
}

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable Tandem reads, validated once at boot. Defaults suit a laptop;
 * production must set JWT_SECRET and WEBHOOK_SECRET_KEY (checked below).
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** Postgres connection string; when unset an embedded Postgres is started in TANDEM_DATA_DIR. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Where the embedded Postgres keeps its data (git-ignored). */
  @IsString()
  TANDEM_DATA_DIR = '.data';

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  /** As root, where the embedded Postgres binaries and cluster go when the postgres user cannot
   * enter the checkout or TANDEM_DATA_DIR (see docs/operations.md). */
  @IsString()
  TANDEM_PG_RUNTIME_DIR = '/var/lib/tandem';

  /** HMAC secret for access tokens (HS256). Required in production; at least 32 characters. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 900;

  /** redis://… : rate limits and sign-in throttling kept in Redis, shared by every instance
   * (src/common/redis.ts). Unset: in memory, per process (one instance). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  /** Prefix of Tandem's keys in that Redis (several deployments may share one). */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/)
  REDIS_KEY_PREFIX = 'tandem:';
  /** How long a sign-in's session lasts through refresh tokens (default 12 hours: a working
   * day). Every refresh token of the session expires then; rotation does not extend it. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(7 * 86400)
  REFRESH_TOKEN_TTL_SECONDS = 12 * 3600;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsEmail()
  TANDEM_ADMIN_EMAIL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  TANDEM_ADMIN_PASSWORD?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Largest accepted JSON body, in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 256 * 1024;

  /** Largest accepted document upload, in bytes (413 beyond). Default 20 MB. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

  /** Keep document bytes as files in this directory instead of in Postgres (bytea, default). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MaxLength(4096)
  DOCUMENT_STORAGE_DIR?: string;

  /** Postgres statement_timeout for the application's connections, in milliseconds. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  DB_STATEMENT_TIMEOUT_MS = 15000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /** Proxies whose X-Forwarded-For is believed for the client IP (Express `trust proxy`):
   * `false` (default: trust nobody, the client IP is the socket's), a hop count, or a
   * comma-separated list of addresses, CIDR ranges and `loopback`/`linklocal`/`uniquelocal`. */
  @IsString()
  @Matches(TRUST_PROXY, { message: 'TRUST_PROXY must be false, a hop count, or addresses/CIDRs' })
  TRUST_PROXY = 'false';

  /** Consecutive failed sign-ins per account and client IP before each further failure
   * doubles the wait (1 s, 2 s, 4 s …, up to LOGIN_THROTTLE_MAX_DELAY_SECONDS). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_LIMIT = 5;

  /** Failed sign-ins per account from all IPs together in the window (the ceiling). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_ACCOUNT_LIMIT = 50;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_THROTTLE_MAX_DELAY_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_WINDOW_SECONDS = 60;

  /** Login attempts allowed per client IP in the window (all accounts together). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_IP_LIMIT = 50;

  /** Requests allowed per caller (token, else IP) per minute across the API. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /**
   * Test only (NODE_ENV=test): fixes "today" (YYYY-MM-DD) for the date rules and timescale
   * statuses, so tests with fixed dates are reproducible. Refused in any other environment.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'TANDEM_TODAY must be YYYY-MM-DD' })
  TANDEM_TODAY?: string;

  /** How long Idempotency-Key records are kept, in hours. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  IDEMPOTENCY_RETENTION_HOURS = 24;

  /** The front door's repeat rule: the Nth contact about a child within
   * FRONT_DOOR_REPEAT_MONTHS months is decided by a manager (docs/front-door.md). */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(20)
  FRONT_DOOR_REPEAT_CONTACTS = 3;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  FRONT_DOOR_REPEAT_MONTHS = 12;

  /** Run the event relay and webhook dispatcher in this process (`off` for extra API replicas
   * or tests that do not need deliveries; the pull feed works either way). */
  @IsIn(['on', 'off'])
  EVENTS_DISPATCHER: 'on' | 'off' = 'on';

  /** How often the dispatcher looks for new events and due deliveries, in milliseconds. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  EVENTS_POLL_MS = 1000;

  /** Key material (≥ 32 characters, e.g. `openssl rand -base64 48`) for the webhook signing
   * secrets at rest (AES-256-GCM, src/events/webhook-secret-box.ts). Required in production;
   * elsewhere a public development key is used (and said so at boot). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32)
  WEBHOOK_SECRET_KEY?: string;

  /** Rotation: the former WEBHOOK_SECRET_KEY(s), comma-separated. Secrets they sealed still open
   * and are sealed afresh under WEBHOOK_SECRET_KEY at start; remove them once that has run. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MaxLength(2000)
  WEBHOOK_SECRET_KEY_PREVIOUS?: string;

  /** Webhook request timeout (connect to last byte), in milliseconds (15 s, as the Standard
   * Webhooks specification suggests: 15–30 s). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(30_000)
  WEBHOOK_TIMEOUT_MS = 15_000;

  /** First retry delay; each further failure doubles it (with ±20% jitter), up to the max. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_BASE_MS = 10_000;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_MAX_MS = 3_600_000;

  /** A subscription is disabled after this many failed attempts in a row. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WEBHOOK_DISABLE_AFTER_FAILURES = 15;

  /** Comma-separated hostnames, IPs or CIDRs that webhooks may reach even though private,
   * loopback or link-local (refused by default in production; development allows loopback). */
  @IsString()
  @MaxLength(2000)
  WEBHOOK_ALLOWED_HOSTS = '';

  /** Browser origins allowed to call the API (CORS), comma-separated, each `scheme://host[:port]`
   * exactly; empty (the default): none, the API answers no cross-origin request from a browser. */
  @IsString()
  @MaxLength(4000)
  @Matches(/^(\s*https?:\/\/[^\s/,]+\s*)(,\s*https?:\/\/[^\s/,]+\s*)*$|^$/, {
    message: 'CORS_ORIGINS must be comma-separated origins such as https://ui.example.gov.uk',
  })
  CORS_ORIGINS = '';
}

export const APP_CONFIG = Symbol('APP_CONFIG');
