import type { Message } from "grammy/types";

/** How Telegram delivered a file: the way it is sent back reuses the same id. */
export type TelegramFileKind = "photo" | "document" | "voice" | "video";

/** A file in a message a user sent, as Telegram describes it before anything is downloaded. */
export interface ReceivedFile {
  kind: TelegramFileKind;
  telegramFileId: string;
  name: string;
  mimeType: string;
  /** What Telegram says it weighs; absent when it does not say. */
  size?: number;
}

/** The file of a message (its largest photo size, its document, voice note or video), if it has one. */
export function receivedFileOf(message: Message): ReceivedFile | undefined {
  const sized = (size: number | undefined) => (size === undefined ? {} : { size });
  const photo = message.photo?.at(-1);
  if (photo !== undefined) return { kind: "photo", telegramFileId: photo.file_id, name: `photo-${photo.file_unique_id}.jpg`, mimeType: "image/jpeg", ...sized(photo.file_size) };
  const document = message.document;
  if (document !== undefined) {
    return {
      kind: "document",
      telegramFileId: document.file_id,
      name: document.file_name ?? `document-${document.file_unique_id}`,
      mimeType: document.mime_type ?? "application/octet-stream",
      ...sized(document.file_size),
    };
  }
  const voice = message.voice;
  if (voice !== undefined) return { kind: "voice", telegramFileId: voice.file_id, name: `voice-${voice.file_unique_id}.ogg`, mimeType: voice.mime_type ?? "audio/ogg", ...sized(voice.file_size) };
  const video = message.video;
  if (video !== undefined) {
    return { kind: "video", telegramFileId: video.file_id, name: video.file_name ?? `video-${video.file_unique_id}.mp4`, mimeType: video.mime_type ?? "video/mp4", ...sized(video.file_size) };
  }
  return undefined;
}
