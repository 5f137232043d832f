import type { Update } from "@grammyjs/types";

/**
 * The queue an update is ordered in: its chat, or for chat-less updates (inline queries,
 * pre-checkout queries) its user. Updates of one key are handled one at a time, in order.
 */
export function chatKeyOf(update: Update): string {
  const chat =
    update.message?.chat ??
    update.edited_message?.chat ??
    update.channel_post?.chat ??
    update.edited_channel_post?.chat ??
    update.callback_query?.message?.chat ??
    update.my_chat_member?.chat ??
    update.chat_member?.chat ??
    update.chat_join_request?.chat ??
    update.business_message?.chat;
  if (chat !== undefined) return String(chat.id);
  const user =
    update.callback_query?.from ??
    update.inline_query?.from ??
    update.chosen_inline_result?.from ??
    update.pre_checkout_query?.from ??
    update.shipping_query?.from ??
    update.poll_answer?.user;
  if (user !== undefined) return `user:${user.id}`;
  return "global";
}

/** The kind of an update (`message`, `callback_query`, ...), for logs and metrics. */
export function updateTypeOf(update: Update): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "unknown";
}

/** The updates Botyard asks Telegram for, explicitly (Telegram's default omits some). */
export const ALLOWED_UPDATES = [
  "message",
  "edited_message",
  "callback_query",
  "my_chat_member",
  "pre_checkout_query",
] as const;
