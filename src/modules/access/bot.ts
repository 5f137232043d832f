import { Composer } from "grammy";
import type { ModuleContext } from "../../platform/module.ts";
import type { BotyardContext } from "../../platform/telegram/context.ts";
import { adminComposer } from "./bot-admin.ts";
import { applyComposer } from "./bot-apply.ts";
import { decisionsComposer } from "./bot-decisions.ts";
import { loginComposer } from "./bot-login.ts";

/** The access module in the bot: applying, deciding, /login and /sessions, and the admin menu. */
export function accessComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  composer.use(applyComposer(context), decisionsComposer(context), loginComposer(context), adminComposer(context));
  return composer;
}
