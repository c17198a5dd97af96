import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createTestApp, TestApp } from './utils/create-app';

/**
 * A request Node's HTTP parser refuses before any route — headers too large (431) or a
 * malformed request (400) — is answered like every other error: RFC 9457 problem JSON with a
 * stable code and a request id, `no-store` and the security headers.
 */
describe('requests the HTTP parser refuses are problem JSON', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp();
    const server = t.http as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /** Sends raw bytes and reads the whole answer (the server closes the connection). */
  function raw(
    request: string,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('error', reject);
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const [head, ...rest] = text.split('\r\n\r\n');
        const [statusLine, ...lines] = head.split('\r\n');
        const headers: Record<string, string> = {};
        for (const l of lines) {
          const at = l.indexOf(':');
          headers[l.slice(0, at).toLowerCase()] = l.slice(at + 1).trim();
        }
        resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
      });
      socket.write(request);
    });
  }

  it('headers larger than 16 KiB → 431 problem JSON (request_header_fields_too_large)', async () => {
    const res = await raw(
      `GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({
      status: 431,
      code: 'request_header_fields_too_large',
      title: 'Request Header Fields Too Large',
      requestId: res.headers['x-request-id'],
    });
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
  });

  it('a malformed request line → 400 problem JSON (malformed_request)', async () => {
    const res = await raw(`NOT A REQUEST\r\n\r\n`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, code: 'malformed_request' });
  });

  it('an ordinary request on the same server still works', async () => {
    const res = await raw(
      `GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    );
    expect(res.status).toBeLessThan(500);
  });
});
