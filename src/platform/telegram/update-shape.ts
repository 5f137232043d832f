import type { Update } from "@grammyjs/types";
import { z } from "zod";
import { storableText } from "../domain/storable-text.ts";
import { ALLOWED_UPDATES } from "./chat-key.ts";

/*
 * The parts of the Bot API's update types the pipeline relies on (chat keys, the sender's
 * record, flood guard, apologies, buttons), checked before an update is handed to a handler.
 * Everything else passes through untouched. Ids must be safe integers: they end up in bigint
 * columns, and Telegram's fit in 52 bits.
 */

const id = z.int();

const user = z.looseObject({
  id,
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const chat = z.looseObject({ id, type: z.string() });

const message = z.looseObject({
  message_id: id,
  date: id,
  chat,
  from: user.optional(),
  sender_chat: chat.optional(),
  message_thread_id: id.optional(),
  text: z.string().optional(),
});

/** A button's message may be "inaccessible" (date 0), but its chat and id are always there. */
const buttonMessage = z.looseObject({ message_id: id, date: id, chat });

const callbackQuery = z.looseObject({
  id: z.string(),
  from: user,
  message: buttonMessage.optional(),
  inline_message_id: z.string().optional(),
  chat_instance: z.string(),
  data: z.string().optional(),
});

const chatMember = z.looseObject({ status: z.string(), user });

const chatMemberUpdated = z.looseObject({ chat, from: user, date: id, old_chat_member: chatMember, new_chat_member: chatMember });

const preCheckoutQuery = z.looseObject({ id: z.string(), from: user, currency: z.string(), total_amount: id, invoice_payload: z.string() });

const kinds = {
  message,
  edited_message: message,
  callback_query: callbackQuery,
  my_chat_member: chatMemberUpdated,
  pre_checkout_query: preCheckoutQuery,
} satisfies Record<(typeof ALLOWED_UPDATES)[number], z.ZodType>;

export const updateIdSchema = z.int().nonnegative();

/** What an update delivered to Botyard is checked for: its id and one of the kinds it asks for. */
export type UpdateCheck = { ok: true; update: Update } | { ok: false; problem: string };

/**
 * Checks an update as Telegram delivered it. The update handed on is the value given (not a
 * parsed copy), so the handler sees exactly what Telegram sent.
 */
export function checkUpdate(raw: unknown): UpdateCheck {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, problem: "not an object" };
  const fields = raw as Record<string, unknown>;
  if (!updateIdSchema.safeParse(fields.update_id).success) return { ok: false, problem: "update_id is not a non-negative integer" };
  const present = Object.keys(fields).filter((key) => key !== "update_id");
  if (present.length !== 1) return { ok: false, problem: `expected one kind of update, found ${present.length}` };
  const kind = present[0] as string;
  const schema = (kinds as Record<string, z.ZodType | undefined>)[kind];
  if (schema === undefined) return { ok: false, problem: `not a kind Botyard asks for: ${describeKey(kind)}` };
  const checked = schema.safeParse(fields[kind]);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = [kind, ...(issue?.path ?? [])].map((part) => describeKey(String(part))).join(".");
    return { ok: false, problem: `${where}: ${issue?.message ?? "invalid"}` };
  }
  return { ok: true, update: raw as Update };
}

/** A key from the outside, safe to log and to store as text (no NUL, no lone surrogate, short). */
function describeKey(key: string): string {
  return storableText(key).slice(0, 40);
}
