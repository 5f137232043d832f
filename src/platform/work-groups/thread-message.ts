import type { Message } from "@grammyjs/types";
import { receivedFileOf, type ReceivedFile } from "../files/received-file.ts";
import type { Subject } from "./subject-thread.ts";

/** A staff member's message in a subject's thread, as the owning module gets it. */
export interface ThreadMessage {
  chatId: number;
  messageId: number;
  from: { telegramId: number; firstName: string; lastName: string | null; username: string | null };
  /** The text, or a media message's caption; null when there is neither. */
  text: string | null;
  /** Its photo, document, voice note or video (copy the message with `copyMessage` for anything else). */
  file: ReceivedFile | null;
}

/** What a module's `threads.onThreadMessage` command gets: whose thread, and what was written. */
export interface ThreadMessageInput {
  subject: Subject & { threadId: number };
  message: ThreadMessage;
}

/** What makes a message something a person wrote, rather than a service message (a topic created, someone joined, a pin). */
const CONTENT = ["text", "caption", "photo", "document", "voice", "video", "video_note", "audio", "animation", "sticker", "contact", "location", "venue", "poll", "dice"] as const;

/** Whether a group message is a service message: it carries none of what people write. */
export function isServiceMessage(message: Message): boolean {
  return !CONTENT.some((field) => field in message && (message as unknown as Record<string, unknown>)[field] !== undefined);
}

/** Whether it is a bot command (`/claim`, `/claim@bot`): those go to the modules' command handlers, not to the thread's owner. */
export function isBotCommand(message: Message): boolean {
  return message.entities?.some((entity) => entity.type === "bot_command" && entity.offset === 0) === true;
}

/** The message as the owning module gets it. */
export function threadMessageOf(message: Message & { from: NonNullable<Message["from"]> }): ThreadMessage {
  return {
    chatId: message.chat.id,
    messageId: message.message_id,
    from: { telegramId: message.from.id, firstName: message.from.first_name, lastName: message.from.last_name ?? null, username: message.from.username ?? null },
    text: message.text ?? message.caption ?? null,
    file: receivedFileOf(message) ?? null,
  };
}
