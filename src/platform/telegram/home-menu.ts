import { InlineKeyboard } from "grammy";
import type { Kysely } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import { visibleTo } from "../module.ts";
import type { CurrentSettings } from "../settings/live-settings.ts";
import type { BotyardContext } from "./context.ts";

/** The home menu /start shows: the enabled modules' entries this person may see, one per row. */
export async function homeKeyboard(ctx: BotyardContext, settings: CurrentSettings, db: Kysely<PlatformTables>): Promise<InlineKeyboard | undefined> {
  const keyboard = new InlineKeyboard();
  let buttons = 0;
  for (const module of ctx.enabledModules) {
    for (const entry of module.menu ?? []) {
      if (!visibleTo(ctx.roles, entry.roles) || (entry.when !== undefined && !(await entry.when(ctx, settings, db)))) continue;
      keyboard.text(ctx.t(entry.label), entry.data).row();
      buttons++;
    }
  }
  return buttons === 0 ? undefined : keyboard;
}
