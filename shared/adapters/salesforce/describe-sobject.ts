import { z } from "zod";
import { salesforceError } from "./classify-salesforce-error";
import type { SalesforceHttp } from "./salesforce-http";
import { assertApiName } from "./soql-literal";

export const FieldDescribeSchema = z.looseObject({
  name: z.string(),
  type: z.string(),
  length: z.number().optional(),
  externalId: z.boolean().optional(),
  unique: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  createable: z.boolean().optional(),
  updateable: z.boolean().optional(),
  nillable: z.boolean().optional(),
});
export type FieldDescribe = z.infer<typeof FieldDescribeSchema>;

export const SObjectDescribeSchema = z.looseObject({
  name: z.string(),
  fields: z.array(FieldDescribeSchema),
  recordTypeInfos: z
    .array(
      z.looseObject({
        recordTypeId: z.string().optional(),
        name: z.string().optional(),
        developerName: z.string().optional(),
      }),
    )
    .optional(),
});
export type SObjectDescribe = z.infer<typeof SObjectDescribeSchema>;

/** `GET /sobjects/{T}/describe`, validated. */
export async function describeSObject(http: SalesforceHttp, objectType: string): Promise<SObjectDescribe> {
  assertApiName(objectType, "object name");
  const body = await http.sendWithRetry<unknown>(
    { method: "GET", path: `/sobjects/${objectType}/describe` },
    { scope: "call", object: objectType },
  );
  const parsed = SObjectDescribeSchema.safeParse(body);
  if (!parsed.success) {
    throw salesforceError(
      "UNEXPECTED_RESPONSE",
      { scope: "call", object: objectType },
      { detail: "describe is not an sObject describe" },
    );
  }
  return parsed.data;
}

/** Describes cached for the client's lifetime (one run): concurrent callers share one call. */
export class DescribeCache {
  private readonly entries = new Map<string, Promise<SObjectDescribe>>();

  get(objectType: string, load: () => Promise<SObjectDescribe>): Promise<SObjectDescribe> {
    const key = objectType.toLowerCase();
    let entry = this.entries.get(key);
    if (!entry) {
      entry = load().catch((error: unknown) => {
        this.entries.delete(key);
        throw error;
      });
      this.entries.set(key, entry);
    }
    return entry;
  }
}

/** Field lookup by API name, case-insensitive like Salesforce. */
export function findField(describe: SObjectDescribe, fieldName: string): FieldDescribe | undefined {
  const wanted = fieldName.toLowerCase();
  return describe.fields.find((field) => field.name.toLowerCase() === wanted);
}
