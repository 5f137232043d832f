import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { cataloguesIn } from "../../../platform/i18n/catalogues.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { auditRoutes } from "./audit.ts";
import { dashboardRoutes } from "./dashboard.ts";
import { peopleRoutes } from "./people.ts";
import { requestRoutes } from "./requests.ts";
import { sessionRoutes } from "./sessions.ts";
import { signInRoutes } from "./sign-in.ts";
import type { AccessTables } from "../tables.ts";

/**
 * The access module's HTTP side: signing in (login link, login_url, Mini App) and out, who am I,
 * sessions, people and roles, access requests, the audit log and the dashboard. Every route
 * declares its access; the platform's guard enforces it, and the use cases re-check.
 */
export function accessApi(app: FastifyInstance, context: ApiContext<AccessTables>): void {
  signInRoutes(app, context);
  sessionRoutes(app, context);
  peopleRoutes(app, context);
  requestRoutes(app, context);
  auditRoutes(app, context);
  dashboardRoutes(app, context);
}

/** The texts the HTTP side answers with (errors of sign-in and of the panel's actions), English and Russian. */
export const accessApiCatalogues = cataloguesIn(join(import.meta.dirname, "locales"));
