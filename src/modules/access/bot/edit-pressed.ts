import { GrammyError } from "grammy";
import type { BotyardContext } from "../../../platform/telegram/context.ts";

/**
 * Edits the message a button sits on, accepting Telegram's "message is not modified": the
 * outbox may have brought the same card there a moment earlier.
 */
export async function editPressed(ctx: BotyardContext, text: string, other: Parameters<BotyardContext["editMessageText"]>[1] = {}): Promise<void> {
  try {
    await ctx.editMessageText(text, other);
  } catch (error) {
    if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
    throw error;
  }
}
