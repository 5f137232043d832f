import { join } from "node:path";
import { cataloguesIn } from "../../platform/i18n/catalogues.ts";
import { defineModule } from "../../platform/module.ts";
import { accessApi, accessApiCatalogues } from "./api/routes.ts";
import { accessComposer } from "./bot/composer.ts";
import * as access0001 from "./migrations/0001_access.ts";

const ADMINS = ["admin"] as const;

/**
 * Staff access (seed VHM24): strangers apply, admins approve with a role, staff get one-time
 * login links to the panel and manage their web sessions; admins manage people and sessions.
 */
export const accessModule = defineModule({
  name: "access",
  migrations: { access_0001_access: access0001 },
  catalogues: [...cataloguesIn(join(import.meta.dirname, "locales")), ...accessApiCatalogues],
  menu: [
    { label: "access-menu-apply", data: "access:apply", when: (ctx, settings) => ctx.roles.size === 0 && settings.staffMayApply },
    { label: "access-menu-login", data: "access:login", when: (ctx) => ctx.roles.size > 0 },
    { label: "access-menu-pending", data: "access:pending", when: (ctx) => ctx.can("people.manage") },
    { label: "access-menu-people", data: "access:people", when: (ctx) => ctx.can("people.manage") },
    { label: "access-menu-stats", data: "access:stats", when: (ctx) => ctx.can("people.manage") },
    { label: "access-menu-sessions", data: "access:all-sessions", when: (ctx) => ctx.can("sessions.manage") },
  ],
  botCommands: [
    // Strangers see /login too: it tells them how to get access.
    { command: "login", description: "command-login" },
    { command: "sessions", description: "command-sessions" },
    { command: "requests", description: "command-requests", roles: ADMINS },
    { command: "people", description: "command-people", roles: ADMINS },
    { command: "stats", description: "command-stats", roles: ADMINS },
  ],
  composer: accessComposer,
  api: accessApi,
});
