import { Logger } from "@aws-lambda-powertools/logger";

/**
 * The one structured JSON logger (Powertools). Correlation ids (run id, record key) are added with
 * `logger.appendKeys` by the use cases. Never log tokens, secrets, e-mail addresses or names.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "jortt-salesforce-sync",
  logLevel: (process.env.LOG_LEVEL as "DEBUG" | "INFO" | "WARN" | "ERROR" | "SILENT" | undefined) ?? "INFO",
});
