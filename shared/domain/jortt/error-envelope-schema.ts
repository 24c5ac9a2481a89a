import { z } from "zod";

/**
 * The Jortt error body `{"error":{code, key, message, details:[{key, message, param}]}}`
 * (`def:Jortt_Shared_Entities_Error`). `details` may be empty or missing and a detail's `param`
 * can be missing (observed), so both are optional. `key` is kept as text: the spec's enum is the
 * known set (JORTT_ERROR_KEYS) but an unknown key must still be readable.
 */
export const JorttErrorDetailSchema = z.looseObject({
  key: z.string(),
  message: z.string().nullish(),
  param: z.string().nullish(),
});
export type JorttErrorDetail = z.output<typeof JorttErrorDetailSchema>;

export const JorttErrorEnvelopeSchema = z.looseObject({
  error: z.looseObject({
    code: z.number().int(),
    key: z.string(),
    message: z.string().nullish(),
    details: z
      .array(JorttErrorDetailSchema)
      .nullish()
      .transform((value) => value ?? []),
  }),
});
export type JorttErrorEnvelope = z.output<typeof JorttErrorEnvelopeSchema>;
export type JorttErrorBody = JorttErrorEnvelope["error"];

/** The error keys of the spec's table (§8). */
export const JORTT_ERROR_KEYS = [
  "access_token.invalid",
  "access_token.expired",
  "access_token.revoked",
  "scopes.insufficient",
  "organization.non_existing",
  "organization.requires_mkb_plan",
  "user.non_existing",
  "user.invalid_credentials",
  "two_factor_code.invalid",
  "two_factor_code.missing_secret",
  "endpoint.not_found",
  "resource.not_found",
  "resource.method_not_allowed",
  "resource.conflict",
  "params.invalid",
  "params.invalid_format",
  "params.invalid_encoding",
  "operation.invalid",
  "operation.year_closed",
  "request.throttled",
  "server.internal_error",
  "server.maintenance",
  "integration.outage",
] as const;
export type JorttErrorKey = (typeof JORTT_ERROR_KEYS)[number];
