import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { runInContext, type RequestContext } from 'src/common/request-context';
import { requestLogLine, rootLoggerOptions } from './logging';

const ctx: RequestContext = {
  requestId: 'req-12345678',
  ip: '127.0.0.1',
  method: 'GET',
  path: '/api/v1/cases/abc',
  cursorScope: '',
};

/** The root logger as nestjs-pino builds it from `rootLoggerOptions`, writing into `lines`. */
function rootLogger(lines: Record<string, unknown>[]) {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return pinoHttp(rootLoggerOptions({ NODE_ENV: 'production', LOG_LEVEL: 'info' }), sink).logger;
}

describe('request logging without a per-request logger', () => {
  it('stamps a line written during a request with its id, method and path, and nothing else', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = rootLogger(lines);
    runInContext(ctx, () => logger.info('inside'));
    logger.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside' });
    expect(lines[0].req).toEqual({ id: 'req-12345678', method: 'GET', path: '/api/v1/cases/abc' });
    expect(lines[1].msg).toBe('outside');
    expect(lines[1].req).toBeUndefined();
  });

  it('writes the access line as pino-http did: id, method, path without the query, status, time', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = rootLogger(lines);
    const req = {
      id: 'req-abcdefgh',
      method: 'POST',
      url: '/api/v1/cases?secret=1',
      headers: { authorization: 'Bearer x' },
      socket: {},
    } as unknown as IncomingMessage;
    const res = (status: number) =>
      ({ statusCode: status, headersSent: true, getHeaders: () => ({}) }) as ServerResponse;
    logger.info(...requestLogLine(req, res(201), 12.4));
    logger.info(...requestLogLine(req, res(503), 3));
    expect(lines[0]).toMatchObject({
      msg: 'request completed',
      req: { id: 'req-abcdefgh', method: 'POST', path: '/api/v1/cases' },
      res: { statusCode: 201 },
      responseTime: 12,
    });
    expect(Object.keys(lines[0].req as object).sort()).toEqual(['id', 'method', 'path']);
    expect(JSON.stringify(lines)).not.toMatch(/secret|authorization|Bearer/);
    expect(lines[1]).toMatchObject({ msg: 'request errored', res: { statusCode: 503 } });
  });
});
