import type { MiddlewareFn } from "grammy";
import type { Permission } from "../auth/permissions.ts";
import type { BotyardContext } from "./context.ts";

/**
 * The bot's one permission guard: put it in front of a module's staff handlers
 * (`composer.use(requirePermission("people.manage"), handlers)` or per handler). Someone
 * without the permission gets a polite refusal and nothing runs. Use cases check again inside
 * their transaction, so a role revoked a moment ago still bites.
 */
export function requirePermission(permission: Permission): MiddlewareFn<BotyardContext> {
  return async (ctx, next) => {
    if (ctx.can(permission)) return next();
    const text = ctx.t("not-allowed");
    if (ctx.callbackQuery !== undefined) await ctx.answerCallbackQuery({ text, show_alert: true });
    else if (ctx.chat !== undefined) await ctx.reply(text);
  };
}
