import * as ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/**
 * Where webhooks may go (SSRF rules), pure. Production: https only, and no loopback, private,
 * link-local or otherwise non-public address unless WEBHOOK_ALLOWED_HOSTS names the host, the
 * IP or a CIDR containing it. Development and test also allow http and loopback, so a local
 * receiver works; other private and link-local addresses stay refused there too.
 */
export interface UrlPolicy {
  production: boolean;
  /** Hostnames (lower case), IPs and CIDRs from WEBHOOK_ALLOWED_HOSTS. */
  allowed: string[];
}

export function policyFrom(nodeEnv: string, allowedHosts: string): UrlPolicy {
  return {
    production: nodeEnv === 'production',
    allowed: allowedHosts
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  };
}

function allowListed(policy: UrlPolicy, host: string, ip?: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  for (const entry of policy.allowed) {
    if (entry === host) return true;
    if (!ip) continue;
    try {
      if (entry.includes('/')) {
        const [range, bits] = ipaddr.parseCIDR(entry);
        if (range.kind() === ip.kind() && ip.match([range, bits] as never)) return true;
      } else if (ipaddr.isValid(entry) && ipaddr.process(entry).toString() === ip.toString())
        return true;
    } catch {
      // a malformed entry allows nothing
    }
  }
  return false;
}

/** Why this resolved address may not be called, or null when it may. */
export function addressRefusal(policy: UrlPolicy, host: string, address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let ip = ipaddr.process(address); // IPv4-mapped IPv6 → IPv4
  // IPv4-compatible IPv6 (::a.b.c.d, deprecated; `::7f00:1` is ::127.0.0.1): judged as the IPv4
  // address it carries.
  if (ip.kind() === 'ipv6') {
    const parts = (ip as ipaddr.IPv6).parts;
    if (parts.slice(0, 6).every((p) => p === 0) && (parts[6] !== 0 || parts[7] > 1))
      ip = ipaddr.fromByteArray([parts[6] >> 8, parts[6] & 255, parts[7] >> 8, parts[7] & 255]);
  }
  const range = ip.range();
  if (range === 'unicast') return null;
  if (allowListed(policy, host, ip)) return null;
  if (range === 'loopback' && !policy.production) return null;
  return `${address} is a ${range} address (not allowed for webhooks)`;
}

/** Why this URL may not be used for a webhook, or null. Hostnames are checked again, address by
 * address, when each delivery connects (so DNS cannot swap in a private address later). */
export function urlRefusal(policy: UrlPolicy, raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !policy.production))
    return policy.production ? 'url must use https' : 'url must use http or https';
  if (url.username || url.password) return 'url must not contain credentials';
  if (url.hash) return 'url must not contain a fragment';
  // A fully qualified name's trailing dot (`localhost.`) names the same host.
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.+$/, '');
  if (isIP(host)) return addressRefusal(policy, host, host);
  if (host === 'localhost' || host.endsWith('.localhost'))
    return addressRefusal(policy, host, '127.0.0.1');
  return null;
}
