import { LoggerService } from '@nestjs/common';
import pino, { Logger as PinoLogger, TransportSingleOptions } from 'pino';
import { AppConfig } from '../config/config';

/** A start-up step worth telling the operator about ("starting Postgres", "listening on ..."). */
export type Progress = (msg: string) => void;

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
  if (isInteractive(config)) return (msg) => process.stdout.write(`tandem: ${msg}\n`);
  const logger: PinoLogger = pino({ level: config.LOG_LEVEL, base: { pid: process.pid } });
  return (msg) => logger.info({ startup: true }, msg);
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
