import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { InFlightRequests } from './in-flight';

const response = () => {
  const res = new EventEmitter() as EventEmitter & { setHeader: jest.Mock };
  res.setHeader = jest.fn();
  return res;
};

describe('InFlightRequests (graceful stop)', () => {
  it('counts a request until its response finishes, and its close after that does not count twice', () => {
    const t = new InFlightRequests();
    const a = response();
    const b = response();
    t.track(a as unknown as ServerResponse);
    t.track(b as unknown as ServerResponse);
    expect(t.size).toBe(2);
    a.emit('finish');
    expect(t.size).toBe(1);
    a.emit('close');
    expect(t.size).toBe(1);
    b.emit('close'); // a connection closed before its response finished
    expect(t.size).toBe(0);
  });

  it('leaves no listener on the response once it has finished (nothing keeps the request alive)', () => {
    const t = new InFlightRequests();
    const res = response();
    t.track(res as unknown as ServerResponse);
    expect(res.listenerCount('finish')).toBe(1);
    expect(res.listenerCount('close')).toBe(1);
    res.emit('finish');
    expect(res.listenerCount('finish')).toBe(0);
    expect(res.listenerCount('close')).toBe(0);
  });

  it('idle() resolves true when the last request ends, false after its timeout otherwise', async () => {
    const t = new InFlightRequests();
    expect(await t.idle(10)).toBe(true);
    const res = response();
    t.track(res as unknown as ServerResponse);
    const waiting = t.idle(5_000);
    res.emit('finish');
    expect(await waiting).toBe(true);
    t.track(response() as unknown as ServerResponse);
    expect(await t.idle(20)).toBe(false);
  });

  it('while draining, asks the client to close the connection', () => {
    const t = new InFlightRequests();
    t.draining = true;
    const res = response();
    t.track(res as unknown as ServerResponse);
    expect(res.setHeader).toHaveBeenCalledWith('Connection', 'close');
  });
});
