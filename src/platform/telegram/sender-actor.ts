import type { Actor } from "../audit/use-case.ts";
import type { BotyardContext } from "./context.ts";

/** The person who sent this update, as the actor of the commands it runs. */
export function senderActor(ctx: BotyardContext): Actor {
  return { botId: ctx.botId, personId: ctx.from?.id ?? null, source: "bot" };
}
