import { SalesforceApiError } from "../http/api-error";

/** Salesforce points at the offending column: "\n<query>\n   ^\nERROR at Row:1:Column:N\n<message>". */
export function soqlError(errorCode: string, soql: string, column: number, message: string): SalesforceApiError {
  const caret = `${" ".repeat(Math.max(0, column - 1))}^`;
  return SalesforceApiError.single(400, errorCode, `\n${soql}\n${caret}\nERROR at Row:1:Column:${column}\n${message}`);
}

export function malformedQuery(soql: string, column: number, message: string): SalesforceApiError {
  return soqlError("MALFORMED_QUERY", soql, column, message);
}
