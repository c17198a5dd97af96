import { LoggerService } from '@nestjs/common';
import pino, { Logger as PinoLogger, TransportSingleOptions } from 'pino';
import { AppConfig } from '../config/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentContext } from '../common/request-context';

/** A start-up step worth telling the operator about ("starting Postgres", "listening on ..."). */
export type Progress = (msg: string, level?: 'info' | 'warn') => void;

/** Readable lines for a person at a terminal in development; JSON logs everywhere else. */
export function isInteractive(config: Pick<AppConfig, 'NODE_ENV'>): boolean {
  return config.NODE_ENV === 'development' && Boolean(process.stdout.isTTY);
}

/**
 * pino-pretty is a devDependency: used only interactively and only when installed, so a
 * production install (`npm ci --omit=dev`) never needs it.
 */
export function prettyTransport(
  config: Pick<AppConfig, 'NODE_ENV'>,
): TransportSingleOptions | undefined {
  if (!isInteractive(config)) return undefined;
  try {
    require.resolve('pino-pretty');
  } catch {
    return undefined;
  }
  return {
    target: 'pino-pretty',
    options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
  };
}

/**
 * Start-up progress: `tandem: <step>` lines on a terminal; otherwise one JSON log line per step
 * (level info, `startup: true`), silent with LOG_LEVEL=silent (the tests).
 */
export function startupProgress(config: Pick<AppConfig, 'NODE_ENV' | 'LOG_LEVEL'>): Progress {
  if (isInteractive(config))
    return (msg, level) =>
      process.stdout.write(`tandem: ${level === 'warn' ? 'WARNING: ' : ''}${msg}\n`);
  const logger: PinoLogger = pino({ level: config.LOG_LEVEL, base: { pid: process.pid } });
  return (msg, level = 'info') => logger[level]({ startup: true }, msg);
}

/** Nest's own start-up chatter (one line per module and route): debug level, not info. */
const FRAMEWORK_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

export class QuietFrameworkLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}
  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context))
      this.inner.debug?.(message, ...rest);
    else this.inner.log(message, ...rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...rest);
  }
}

/**
 * pino's mixin for the root logger: a line written while a request is in progress carries the
 * request's id, method and path (never its query string, body or headers), as pino-http's
 * per-request child logger did, but computed only for the lines actually written.
 */
export function requestMixin(): Record<string, unknown> {
  const ctx = currentContext();
  return ctx ? { req: { id: ctx.requestId, method: ctx.method, path: ctx.path } } : {};
}

/**
 * The root logger's options (nestjs-pino's `pinoHttp`): no per-request middleware uses them,
 * only the root logger it builds. pino-http puts its standard request and response mapping in
 * front of these serializers, so they see `{ id, method, url }` and `{ statusCode }` whether
 * given the raw request and response (the access line) or the mixin's plain object.
 */
export function rootLoggerOptions(config: Pick<AppConfig, 'NODE_ENV' | 'LOG_LEVEL'>) {
  return {
    level: config.LOG_LEVEL,
    mixin: requestMixin,
    // No personal data in logs: no query strings, bodies, tokens or cookies.
    serializers: {
      req: (req: { id: string; method: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    transport: prettyTransport(config),
  };
}

/** The access line of a finished request, as pino-http wrote it (`req`, `res`, `responseTime`;
 * "request completed", or "request errored" for a 5xx, whose error the problem filter logs). */
export function requestLogLine(
  req: IncomingMessage,
  res: ServerResponse,
  responseTime: number,
): [Record<string, unknown>, string] {
  return [
    { req, res, responseTime: Math.round(responseTime) },
    res.statusCode >= 500 ? 'request errored' : 'request completed',
  ];
}
