import type { MiddlewareFn } from "grammy";
import type { BotyardContext } from "./context.ts";
import { parseFlowButton } from "./flows.ts";

/** A button of a flow that is over (done, cancelled, replaced) must not act: it answers "expired". */
export const refuseStaleButtons: MiddlewareFn<BotyardContext> = async (ctx, next) => {
  const data = ctx.callbackQuery?.data;
  const button = data === undefined ? undefined : parseFlowButton(data);
  if (button !== undefined && button.instance !== ctx.flow?.instance) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    return;
  }
  await next();
};
