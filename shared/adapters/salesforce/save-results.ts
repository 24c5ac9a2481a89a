import { z } from "zod";
import { salesforceError } from "./classify-salesforce-error";

/** One error of a per-record result: Salesforce sends `statusCode` (jsforce's types say `errorCode`). */
export const RecordErrorSchema = z.looseObject({
  statusCode: z.string().optional(),
  errorCode: z.string().optional(),
  message: z.string().optional(),
  fields: z.array(z.string()).optional(),
});

/** One element of a Collections create/update/upsert/delete answer (HTTP 200, in input order). */
export const SaveResultSchema = z.looseObject({
  id: z.string().nullish(),
  success: z.boolean(),
  created: z.boolean().optional(),
  errors: z.array(RecordErrorSchema).nullish(),
});
export type SaveResult = z.infer<typeof SaveResultSchema>;

/**
 * Validates a Collections answer: never trust the resolved promise (it resolves when records fail),
 * and a body that is not one result per record sent is an unexpected response (retried).
 */
export function parseSaveResults(body: unknown, expectedCount: number, object?: string): SaveResult[] {
  const parsed = z.array(SaveResultSchema).safeParse(body);
  if (!parsed.success || parsed.data.length !== expectedCount) {
    const got = parsed.success
      ? `${parsed.data.length} results`
      : typeof body === "string"
        ? "a non-JSON body"
        : "a malformed body";
    throw salesforceError(
      "UNEXPECTED_RESPONSE",
      { scope: "call", ...(object ? { object } : {}) },
      { detail: `expected ${expectedCount} per-record results, got ${got}` },
    );
  }
  return parsed.data;
}
