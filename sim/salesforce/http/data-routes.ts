import { collectionRoutes } from "../routes/collection-routes";
import { compositeRoutes } from "../routes/composite-routes";
import { describeRoutes } from "../routes/describe-routes";
import { limitsRoutes } from "../routes/limits-routes";
import { queryRoutes } from "../routes/query-routes";
import { sobjectRoutes } from "../routes/sobject-routes";
import type { Route } from "./route-table";

/** Every REST data resource under `/services/data/vXX.X`; more specific patterns first. */
export const DATA_ROUTES: Route[] = [
  ...describeRoutes,
  ...sobjectRoutes,
  ...collectionRoutes,
  ...compositeRoutes,
  ...queryRoutes,
  ...limitsRoutes,
];
