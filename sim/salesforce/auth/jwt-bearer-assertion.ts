import { z } from "zod";

/**
 * The JWT bearer assertion (reference §3.2): the sandbox checks the claim shape (iss = consumer key,
 * sub = username, aud = login host, exp in the future and at most a few minutes ahead) but not the
 * RS256 signature, which it cannot verify without the connected app's certificate.
 */
const headerSchema = z.object({ alg: z.string() });
const claimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1),
  aud: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  exp: z.number(),
});
export type JwtClaims = z.infer<typeof claimsSchema>;

export type AssertionCheck = { ok: true; claims: JwtClaims } | { ok: false; error: string; description: string };

function decodeSegment(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
}

// Salesforce wants exp within 3 minutes; a few seconds of clock skew are tolerated.
const MAX_EXP_AHEAD_SECONDS = 3 * 60 + 10;

export function checkJwtAssertion(
  assertion: string,
  expected: { clientId: string; usernames: string[]; audiences: string[] },
): AssertionCheck {
  const parts = assertion.split(".");
  if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]) {
    return { ok: false, error: "invalid_grant", description: "invalid assertion" };
  }
  let header: unknown;
  let claims: unknown;
  try {
    header = decodeSegment(parts[0]);
    claims = decodeSegment(parts[1]);
  } catch {
    return { ok: false, error: "invalid_grant", description: "invalid assertion" };
  }
  const parsedHeader = headerSchema.safeParse(header);
  if (!parsedHeader.success || parsedHeader.data.alg !== "RS256") {
    return { ok: false, error: "invalid_grant", description: "invalid assertion: algorithm must be RS256" };
  }
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return { ok: false, error: "invalid_grant", description: "invalid assertion: missing claims" };
  const { iss, sub, aud, exp } = parsed.data;
  if (iss !== expected.clientId)
    return { ok: false, error: "invalid_client_id", description: "client identifier invalid" };
  const audiences = Array.isArray(aud) ? aud : [aud];
  const normalize = (url: string) => url.replace(/\/+$/, "").toLowerCase();
  if (!audiences.some((candidate) => expected.audiences.map(normalize).includes(normalize(candidate)))) {
    return { ok: false, error: "invalid_grant", description: "audience is invalid" };
  }
  const nowSeconds = Date.now() / 1000;
  if (exp <= nowSeconds) return { ok: false, error: "invalid_grant", description: "expired authorization code" };
  if (exp > nowSeconds + MAX_EXP_AHEAD_SECONDS) {
    return { ok: false, error: "invalid_grant", description: "invalid assertion: exp is too far in the future" };
  }
  if (!expected.usernames.some((username) => username.toLowerCase() === sub.toLowerCase())) {
    return { ok: false, error: "invalid_grant", description: "user hasn't approved this consumer" };
  }
  return { ok: true, claims: parsed.data };
}
