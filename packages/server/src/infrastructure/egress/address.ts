import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * True when `address` (an IPv4 or IPv6 literal, without brackets) is a public unicast address.
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries; every special
 * range ipaddr.js knows (loopback, private, link-local, unique-local, carrier-grade NAT,
 * unspecified `0.0.0.0/8` and `::`, broadcast, multicast, reserved and documentation ranges,
 * 6to4, Teredo, NAT64, ...) is not public. Anything that is not an address is not public either.
 */
export function isPublicAddress(address: string): boolean {
  if (isIP(address) === 0) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** The host of a parsed URL as an IP literal (`[::1]` -> `::1`), or null when it is a name. */
export function ipLiteralOf(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? null : bare;
}
