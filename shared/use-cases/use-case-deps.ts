import type { Logger } from "@aws-lambda-powertools/logger";

/**
 * What every use case receives besides its ports. `now` is injected so tests control time (state
 * timestamps, cache ages, run durations).
 */
export interface UseCaseRuntime {
  now: () => Date;
  logger: Logger;
}
