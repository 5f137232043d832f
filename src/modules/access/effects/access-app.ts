import type { ModuleContext } from "../../../platform/module.ts";

/**
 * What access's commands need from the running app besides their scope: the permission table
 * (which roles exist, who decides requests), the texts for cards edited in place, and the bot's
 * live settings (its languages and time zone). The module context is one: handlers and routes
 * pass theirs as `app`.
 */
export type AccessApp = Pick<ModuleContext, "permissions" | "translator" | "settings">;
