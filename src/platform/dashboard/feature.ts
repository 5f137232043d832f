import { localeOfRequest } from "../http/answers.ts";
import { requires } from "../http/route-guard.ts";
import { defineModule } from "../module.ts";
import { modulesEnabledIn } from "../settings/enabled-modules.ts";
import { dashboardCards } from "./cards.ts";

/** The dashboard's cards: each enabled module contributes its own (`dashboard` in its definition). */
export const dashboardFeature = defineModule({
  name: "dashboard",
  api(app, context) {
    app.get("/api/dashboard/cards", requires("panel.view"), async (request) => {
      const session = request.session!;
      const settings = context.settings.of(session.botId);
      const cards = await dashboardCards({
        db: context.database.db,
        translator: context.translator,
        permissions: context.permissions,
        modules: modulesEnabledIn(settings.modules, context.modules),
        botId: session.botId,
        roles: session.roles,
        locale: localeOfRequest(request),
        now: context.clock.now(),
        timeZone: settings.timeZone,
      });
      return { cards };
    });
  },
});
