import dns from "node:dns";

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;
type LookupFunction = (hostname: string, options: unknown, callback: LookupCallback) => void;

const LOOPBACK: dns.LookupAddress = { address: "127.0.0.1", family: 4 };

let installed = 0;
let original: typeof dns.lookup | undefined;

/**
 * Resolves `*.localhost` to 127.0.0.1 in this process. fauxqs hands out queue URLs on
 * `sqs.<region>.localhost:<port>` and SDK v3's SQS client sends each request to its QueueUrl's host,
 * which the system resolver does not know. Same idea as fauxqs's `interceptLocalhostDns`, kept here
 * because fauxqs is ESM-only and Jest (CommonJS) cannot load it. Reference-counted: returns a restore.
 */
export function resolveLocalhostSubdomains(): () => void {
  if (installed === 0) {
    original = dns.lookup;
    const passThrough = original as unknown as LookupFunction;
    const patched: LookupFunction = (hostname, options, callback) => {
      const cb = (typeof options === "function" ? options : callback) as LookupCallback;
      if (hostname === "localhost" || hostname.endsWith(".localhost")) {
        const wantsAll = typeof options === "object" && options !== null && (options as { all?: boolean }).all;
        if (wantsAll) cb(null, [LOOPBACK]);
        else cb(null, LOOPBACK.address, LOOPBACK.family);
        return;
      }
      passThrough(hostname, options, callback);
    };
    dns.lookup = patched as unknown as typeof dns.lookup;
  }
  installed += 1;
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    installed -= 1;
    if (installed === 0 && original) dns.lookup = original;
  };
}
