/** A whole-request REST error: Salesforce answers with a JSON array of `{message, errorCode, fields?}`. */
export interface ApiErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
}

export class SalesforceApiError extends Error {
  readonly status: number;
  readonly errors: ApiErrorItem[];

  constructor(status: number, errors: ApiErrorItem[]) {
    super(errors[0]?.message ?? `HTTP ${status}`);
    this.status = status;
    this.errors = errors;
  }

  static single(status: number, errorCode: string, message: string, fields?: string[]): SalesforceApiError {
    return new SalesforceApiError(status, [fields ? { message, errorCode, fields } : { message, errorCode }]);
  }
}

/** A per-record save error (Collections results name the code `statusCode`). */
export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export class RecordSaveError extends Error {
  readonly statusCode: string;
  readonly fields: string[];

  constructor(statusCode: string, message: string, fields: string[] = []) {
    super(message);
    this.statusCode = statusCode;
    this.fields = fields;
  }

  toRecordError(): RecordError {
    return { statusCode: this.statusCode, message: this.message, fields: this.fields };
  }

  /** Single-record endpoints report a record error as a 400 whole-request error. */
  toApiError(): SalesforceApiError {
    return SalesforceApiError.single(400, this.statusCode, this.message, this.fields);
  }
}

export function notFound(message = "The requested resource does not exist"): SalesforceApiError {
  return SalesforceApiError.single(404, "NOT_FOUND", message);
}

export function jsonParserError(message: string): SalesforceApiError {
  return SalesforceApiError.single(400, "JSON_PARSER_ERROR", message);
}
