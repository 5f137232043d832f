import { requires } from "../../../platform/http/route-guard.ts";
import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../../../platform/module.ts";
import { activityToday } from "../queries/activity-today.ts";
import { accessStatistics } from "../queries/statistics.ts";
import type { AccessTables } from "../tables.ts";

/** The dashboard's live figures (the page asks again every few seconds). */
export function dashboardRoutes(app: FastifyInstance, context: ApiContext<AccessTables>): void {
  app.get("/api/dashboard", requires("panel.view"), async (request) => {
    const botId = request.session!.botId;
    const timeZone = context.settings.of(botId).timeZone;
    const now = context.clock.now();
    const statistics = await accessStatistics(context.database.db, botId, { timeZone, now });
    return { ...statistics, activity: await activityToday(context.database.db, botId, timeZone, now), at: now.toISOString() };
  });
}
