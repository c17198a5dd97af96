import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressRefusal, urlRefusal, type UrlPolicy } from './webhook-url-policy';

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  ok: boolean;
  /** The receiver's `Retry-After` on a 429 or 503, in milliseconds from now. */
  retryAfterMs?: number;
}

/** `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; null when absent or
 * malformed. A date in the past is 0. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at) || !/[a-z]/i.test(v)) return null;
  return Math.max(0, at - now);
}

/** A DNS lookup that refuses addresses the policy forbids, at connect time (no rebinding). */
function guardedLookup(policy: UrlPolicy, host: string): LookupFunction {
  return ((hostname: string, options: object, callback: (...a: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      const refused = addresses.map((a) => addressRefusal(policy, host, a.address)).find(Boolean);
      if (refused) return callback(new Error(refused));
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  }) as LookupFunction;
}

/**
 * POSTs one signed webhook: no redirects followed (a 3xx is a failure), a hard timeout, the
 * SSRF policy checked on the URL and on every address it resolves to. Never throws.
 */
export function sendWebhook(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  opts: { timeoutMs: number; policy: UrlPolicy },
): Promise<SendResult> {
  const started = Date.now();
  const done = (statusCode: number | null, error: string | null): SendResult => ({
    statusCode,
    error,
    durationMs: Date.now() - started,
    ok: statusCode !== null && statusCode >= 200 && statusCode < 300,
  });
  const refused = urlRefusal(opts.policy, rawUrl);
  if (refused) return Promise.resolve(done(null, refused));
  const url = new URL(rawUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Tandem-Webhooks/1',
          ...headers,
        },
        agent: false,
        ...(isIP(host) ? {} : { lookup: guardedLookup(opts.policy, host) }),
      },
      (res) => {
        res.resume(); // the body is not needed; drain it so the socket closes
        const code = res.statusCode ?? 0;
        const retryAfter =
          code === 429 || code === 503 ? parseRetryAfter(res.headers['retry-after']) : null;
        res.on('end', () => {
          const r = done(code, code >= 300 && code < 400 ? 'redirect not followed' : null);
          finish(retryAfter === null ? r : { ...r, retryAfterMs: retryAfter });
        });
        res.on('error', () => finish(done(code, null)));
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    req.on('error', (err) => finish(done(null, err.message.slice(0, 500))));
    req.end(body);
  });
}
