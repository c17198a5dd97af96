import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newCase } from './utils/case.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, TestUser, World } from './utils/factories';
import { pdf } from './utils/files';

/**
 * An upload is judged before its body is read: a caller who may not upload to the case gets its
 * answer while the upload is still on the wire, so nobody can make the server buffer megabytes
 * for a case they cannot see (another LA's, a restricted one).
 */
describe('uploads: the access verdict comes before the body', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let port: number;
  let open: { id: string };
  let restricted: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    [w, other] = [await newWorld(t), await newWorld(t)];
    open = await newCase(t, w);
    restricted = await newCase(t, w, { restricted: true }); // led by w.practitioner
    const server = t.http as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /**
   * Starts a 19 MiB upload but sends only its first 64 KiB, then waits: the status if the server
   * answers meanwhile, else 'no answer' (the server is reading the body).
   */
  function partialUpload(who: TestUser, caseId: string, waitMs = 2_000) {
    return new Promise<number | 'no answer'>((resolve) => {
      const boundary = 'tandem-partial-upload';
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `${API}/cases/${caseId}/documents`,
        headers: {
          authorization: `Bearer ${who.token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(19 * 1024 * 1024),
        },
      });
      const timer = setTimeout(() => {
        req.destroy();
        resolve('no answer');
      }, waitMs);
      req.on('response', (res) => {
        clearTimeout(timer);
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', () => undefined);
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBig\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n` +
          `Content-Type: application/pdf\r\n\r\n`,
      );
      req.write(Buffer.concat([pdf(), Buffer.alloc(64 * 1024, 0x20)]));
    });
  }

  it("a practitioner of another LA: 404 before the body is read (that LA's case)", async () => {
    expect(await partialUpload(other.practitioner, open.id)).toBe(404);
  });

  it('a practitioner of the same LA outside the restricted case: 404 before the body is read', async () => {
    expect(await partialUpload(w.otherPractitioner, restricted.id)).toBe(404);
  });

  it('a family_help_manager of no team (may read, not upload): 403 before the body is read', async () => {
    const outsider = await newUser(t, w.la.id, ['family_help_manager']);
    expect(await partialUpload(outsider, open.id)).toBe(403);
  });

  it('an unknown case id: 404 before the body is read, like a hidden one', async () => {
    expect(await partialUpload(w.practitioner, '00000000-0000-4000-8000-000000000000')).toBe(404);
  });

  it("the case's lead: the server waits for the body (the verdict let it in), and the upload works", async () => {
    expect(await partialUpload(w.practitioner, restricted.id, 1_000)).toBe('no answer');
    const res = await t
      .req()
      .post(`${API}/cases/${restricted.id}/documents`)
      .set(bearer(w.practitioner.token))
      .field('title', 'Signed assessment')
      .attach('file', pdf(), { filename: 'a.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
  });
});
