import { Composer } from "grammy";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { adminComposer } from "./admin.ts";
import { applyComposer } from "./apply.ts";
import { decisionsComposer } from "./decisions.ts";
import { loginComposer } from "./login.ts";
import type { AccessTables } from "../tables.ts";

/** The access module in the bot: applying, deciding, /login and /sessions, and the admin menu. */
export function accessComposer(context: ModuleContext<AccessTables>): Composer<BotyardContext<AccessTables>> {
  const composer = new Composer<BotyardContext<AccessTables>>();
  composer.use(applyComposer(context), decisionsComposer(context), loginComposer(context), adminComposer(context));
  return composer;
}
