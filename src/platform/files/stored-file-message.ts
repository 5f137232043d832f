import type { Message } from "grammy/types";
import type { OutboxMessage } from "../telegram/outbox.ts";
import type { TelegramFileKind } from "./received-file.ts";

/** The Bot API method that sends a file each way, and the parameter that carries it. */
export const SEND_METHOD_OF = { photo: "sendPhoto", document: "sendDocument", voice: "sendVoice", video: "sendVideo" } as const satisfies Record<TelegramFileKind, string>;

export interface StoredFileSend {
  chatId: number;
  /** The stored file's id (`saveFile`, `keepReceivedFile`). */
  fileId: number;
  as: TelegramFileKind;
  /** From what the message is about, never random (see OutboxMessage). */
  dedupeKey: string;
  caption?: string;
  /** Further parameters of the method: parse_mode, reply_markup, duration... */
  extra?: Record<string, unknown>;
}

/**
 * An outbox message sending a stored file as a photo, document, voice note or video: pass it to
 * `scope.send`. The sender uploads the bytes the first time and reuses the file id Telegram
 * gave them afterwards.
 */
export function storedFileMessage(send: StoredFileSend): Omit<OutboxMessage, "botId"> {
  return {
    chatId: send.chatId,
    method: SEND_METHOD_OF[send.as],
    payload: { chat_id: send.chatId, ...(send.caption === undefined ? {} : { caption: send.caption }), ...send.extra, stored_file_id: send.fileId },
    dedupeKey: send.dedupeKey,
  };
}

/** The file id Telegram gave a file it was just sent as `kind`. */
export function sentFileIdOf(result: unknown, kind: TelegramFileKind): string | undefined {
  const message = result as Partial<Message> | null;
  if (kind === "photo") return message?.photo?.at(-1)?.file_id;
  return message?.[kind]?.file_id;
}
