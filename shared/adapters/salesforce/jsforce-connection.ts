// Order matters: the timeout default must be in the environment before jsforce's transport loads.
import "./http-timeout";
import { Connection } from "jsforce";

/** The only place the adapter imports jsforce (so the HTTP_TIMEOUT default above always applies). */
export { Connection };
export type SalesforceConnection = Connection;
