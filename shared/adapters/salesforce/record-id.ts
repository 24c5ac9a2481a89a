/** 15- or 18-character Salesforce record ids (checked before an id enters a URL or a body). */
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function isRecordId(value: string): boolean {
  return RECORD_ID.test(value);
}
