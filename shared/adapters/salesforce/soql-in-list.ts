import { soqlString } from "./soql-literal";

/**
 * Budget for one `IN (...)` list. A SOQL query travels in the GET URL (`/query?q=…`), and
 * Salesforce caps REST URIs at 16 384 characters; the list is measured URL-encoded and kept well
 * below that so the rest of the statement fits.
 */
export interface InListBudget {
  maxValues: number;
  maxEncodedLength: number;
}

export const DEFAULT_IN_LIST_BUDGET: InListBudget = { maxValues: 200, maxEncodedLength: 8_000 };

/**
 * Escaped, de-duplicated `('a','b',…)` lists for the values, split so each list stays within the
 * budget. One value never splits; an empty input gives no lists (callers skip the query).
 */
export function soqlInLists(values: Iterable<string>, budget: InListBudget = DEFAULT_IN_LIST_BUDGET): string[] {
  const lists: string[] = [];
  let current: string[] = [];
  let currentLength = 0;
  for (const literal of new Set([...values].map(soqlString))) {
    const encodedLength = encodeURIComponent(literal).length + 3; // + an encoded ","
    if (
      current.length > 0 &&
      (current.length >= budget.maxValues || currentLength + encodedLength > budget.maxEncodedLength)
    ) {
      lists.push(`(${current.join(",")})`);
      current = [];
      currentLength = 0;
    }
    current.push(literal);
    currentLength += encodedLength;
  }
  if (current.length > 0) lists.push(`(${current.join(",")})`);
  return lists;
}
