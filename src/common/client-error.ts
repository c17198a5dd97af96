import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { DomainError } from './domain-error';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem.filter';
import type { HeaderSink, SecurityHeaders } from './security-headers';

/** What Node's HTTP parser says about a request it could not read. */
type ClientError = Error & { code?: string };

/** The status and problem of a request refused by Node's HTTP parser, before any route. */
export function clientErrorProblem(err: ClientError): DomainError {
  if (err.code === 'HPE_HEADER_OVERFLOW')
    return new DomainError(
      431,
      'request_header_fields_too_large',
      'The request headers (with the URL) are larger than the server accepts (16 KiB)',
    );
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return new DomainError(408, 'request_timeout', 'The request took too long to arrive');
  return new DomainError(400, 'malformed_request', 'The HTTP request could not be read');
}

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refuses (headers too large: 431, a
 * malformed request line or header: 400, a request too slow to arrive: 408) is answered as
 * every other error is, an RFC 9457 problem with a request id, `no-store` and the security
 * headers, instead of Fastify's own JSON; then the connection is closed.
 */
export function clientErrorHandler(secure: SecurityHeaders) {
  const fixed: [string, string][] = [];
  const sink = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      fixed.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
      return sink;
    },
    removeHeader: () => undefined,
  } as unknown as HeaderSink;
  secure(null, sink, () => undefined);
  return (err: ClientError, socket: Socket): void => {
    const sent = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage
      ?.headersSent;
    if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable || sent) {
      socket.destroy();
      return;
    }
    const problem = toProblem(clientErrorProblem(err));
    const requestId = randomUUID();
    problem.requestId = requestId;
    const body = JSON.stringify(problem);
    const head = [
      `HTTP/1.1 ${problem.status} ${problem.title}`,
      `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      `X-Request-Id: ${requestId}`,
      ...fixed.map(([name, value]) => `${name}: ${value}`),
      'Connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  };
}
