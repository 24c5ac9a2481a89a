import type { SimResponse } from "../http/sim-response";
import type { OrgIdentity } from "./org-identity";
import type { SessionStore } from "./session-store";

/**
 * `POST /services/Soap/u/{version}`: the partner-API login jsforce's `login()` uses when no client
 * id/secret is configured (reference §3.3). jsforce reads serverUrl, sessionId, userId and
 * organizationId from the response by regex, and `faultstring` on errors.
 */
const XML_CONTENT_TYPE = "text/xml;charset=UTF-8";

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function xmlUnescape(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function element(xml: string, name: string): string | undefined {
  const match = new RegExp(`<(?:\\w+:)?${name}>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(xml);
  return match?.[1] === undefined ? undefined : xmlUnescape(match[1]);
}

function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

export interface SoapLoginContext {
  identity: OrgIdentity;
  sessions: SessionStore;
  baseUrl(): string;
}

export function handleSoapLogin(rawBody: string, version: string, context: SoapLoginContext): SimResponse {
  const username = element(rawBody, "username") ?? "";
  const password = element(rawBody, "password") ?? "";
  const headers = { "Content-Type": XML_CONTENT_TYPE };
  if (username.toLowerCase() !== context.identity.username.toLowerCase() || password !== context.identity.password) {
    const fault = `<soapenv:Fault><faultcode>INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring></soapenv:Fault>`;
    return { status: 500, rawBody: envelope(fault), headers };
  }
  const { orgId, userId } = context.identity;
  const url = context.baseUrl();
  const result = [
    "<loginResponse><result>",
    `<metadataServerUrl>${url}/services/Soap/m/${version}/${orgId}</metadataServerUrl>`,
    "<passwordExpired>false</passwordExpired><sandbox>true</sandbox>",
    `<serverUrl>${url}/services/Soap/u/${version}/${orgId}</serverUrl>`,
    `<sessionId>${xmlEscape(context.sessions.issue())}</sessionId>`,
    `<userId>${userId}</userId>`,
    `<userInfo><organizationId>${orgId}</organizationId><userId>${userId}</userId><userName>${xmlEscape(context.identity.username)}</userName></userInfo>`,
    "</result></loginResponse>",
  ].join("");
  return { status: 200, rawBody: envelope(result), headers };
}
