import { z } from "zod";

/** One `_links` entry: `{href, type}` or null (`def:Jortt_V1_Entities_Url`). */
export const JorttLinkSchema = z.looseObject({ href: z.string(), type: z.string().nullish() }).nullable();

/**
 * A paginated list response `{data:[…], _links:{previous, next, self, documentation}}`.
 * Items stay `unknown` here: each is parsed on its own so one bad record cannot sink a page.
 * `next` must be present (null on the last page); its href is never followed, only tested
 * for null, because Jortt drops `invoice_status` from it (§4).
 */
export const JorttListEnvelopeSchema = z.looseObject({
  data: z.array(z.unknown()),
  _links: z.looseObject({
    previous: JorttLinkSchema.optional(),
    next: JorttLinkSchema,
    self: JorttLinkSchema.optional(),
    documentation: JorttLinkSchema.optional(),
  }),
});
export type JorttListEnvelope = z.output<typeof JorttListEnvelopeSchema>;

/** `GET /customers/{id}`: `{data, _links?}`; `GET /invoices/{id}`: `{data, possible_actions?}`. */
export const JorttItemEnvelopeSchema = z.looseObject({
  data: z.unknown(),
  possible_actions: z.array(z.string()).nullish(),
});
export type JorttItemEnvelope = z.output<typeof JorttItemEnvelopeSchema>;

/** 201 from a create: `{data:{id}}` (`def:Jortt_V1_Entities_Responses_ResourceCreatedResponse`). */
export const JorttCreatedSchema = z.looseObject({
  data: z.looseObject({ id: z.string().min(1) }),
});
export type JorttCreated = z.output<typeof JorttCreatedSchema>;
