import { z } from "zod";
import { jsonParserError, SalesforceApiError } from "../http/api-error";
import type { DataRequest } from "../http/data-request";

/** The body of the sObject Collections write calls: `{allOrNone?, records:[…]}` (≤ 200 records). */
const collectionBodySchema = z.object({
  allOrNone: z.boolean().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});
export type CollectionBody = z.infer<typeof collectionBodySchema>;

export const COLLECTION_LIMIT = 200;

export function exceededIdLimit(): SalesforceApiError {
  return SalesforceApiError.single(
    400,
    "EXCEEDED_ID_LIMIT",
    `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`,
  );
}

export function parseCollectionBody(request: DataRequest): CollectionBody {
  const parsed = collectionBodySchema.safeParse(request.body);
  if (!parsed.success) throw jsonParserError("Expected a JSON object with a records array");
  if (parsed.data.records.length > COLLECTION_LIMIT) throw exceededIdLimit();
  return parsed.data;
}

/** Inside a composite call with allOrNone, the outer flag wins (reference §9.1). */
export function effectiveAllOrNone(request: DataRequest, requested: boolean | undefined): boolean {
  return request.composite?.allOrNone === true || requested === true;
}

export function attributesType(record: Record<string, unknown>): string | undefined {
  const attributes = record.attributes;
  if (typeof attributes !== "object" || attributes === null) return undefined;
  const type = (attributes as Record<string, unknown>).type;
  return typeof type === "string" ? type : undefined;
}
