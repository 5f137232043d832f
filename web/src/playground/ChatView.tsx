import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { BotCommand, Message, User } from "@grammyjs/types";
import type { AlbumItem, SendRequest } from "../../../src/sandbox/control.ts";
import { AlbumBubble } from "./AlbumBubble.tsx";
import { VOICE_TYPES, api, errorMessage, readAsBase64 } from "./api.ts";
import { Composer } from "./Composer.tsx";
import { ContactForm } from "./ContactForm.tsx";
import { LocationForm } from "./LocationForm.tsx";
import { MessageBubble } from "./MessageBubble.tsx";
import { Notices, type Alert } from "./Notices.tsx";
import { ReplyKeyboard } from "./ReplyKeyboard.tsx";
import { StickerPicker } from "./StickerPicker.tsx";
import { editableField, groupAlbums, type CallbackNotice } from "./transcript.ts";
import { useTranscript } from "./useTranscript.ts";
import { Icon } from "./Icon.tsx";

interface Props {
  user: User;
  /** The bot this chat is with; undefined when the emulator knows none yet. */
  bot: User | undefined;
  onBack: () => void;
}

const ACTION_LABELS: Record<string, string> = {
  typing: "typing…",
  upload_photo: "sending a photo…",
  upload_document: "sending a file…",
  upload_voice: "recording a voice message…",
  record_voice: "recording a voice message…",
  find_location: "finding a location…",
  choose_sticker: "choosing a sticker…",
};

/** The private chat between a simulated user and the bot (chat id = user id). */
export function ChatView({ user, bot, onBack }: Props) {
  const [alert, setAlert] = useState<Alert | undefined>();
  const [toast, setToast] = useState<CallbackNotice | undefined>();
  const onNotice = useCallback((notice: CallbackNotice) => {
    if (notice.alert) setAlert({ text: notice.text });
    else setToast(notice);
  }, []);
  const clearToast = useCallback(() => setToast(undefined), []);
  const clearAlert = useCallback(() => setAlert(undefined), []);
  const { chat, error: readError, loaded } = useTranscript(user.id, bot?.id, onNotice);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [panel, setPanel] = useState<"contact" | "location" | "sticker" | undefined>();
  const toggle = (which: "contact" | "location" | "sticker"): void => setPanel((was) => (was === which ? undefined : which));
  const [editing, setEditing] = useState<Message | undefined>();
  const [keyboardOpen, setKeyboardOpen] = useState(true);
  const [commands, setCommands] = useState<BotCommand[]>([]);
  const [actionVisible, setActionVisible] = useState(false);

  // A new reply keyboard opens; a used one-time keyboard collapses (the toggle brings it back).
  useEffect(() => {
    setKeyboardOpen(chat.replyKeyboard !== undefined && !chat.replyKeyboardUsed);
  }, [chat.replyKeyboard, chat.replyKeyboardUsed]);

  // Like Telegram, a chat action shows for a few seconds or until the bot's next message.
  useEffect(() => {
    setActionVisible(chat.action !== undefined);
    if (chat.action === undefined) return;
    const timer = setTimeout(() => setActionVisible(false), 5000);
    return () => clearTimeout(timer);
  }, [chat.action, chat.lastSeq]);

  // The bot's commands for this chat (setMyCommands), refreshed as the bot talks.
  const botMessages = chat.items.filter((i) => i.kind === "message" && i.fromBot).length;
  const botId = bot?.id;
  useEffect(() => {
    const stop = new AbortController();
    api.commands({ chat_id: user.id, ...(botId !== undefined ? { bot: botId } : {}) }, stop.signal).then(
      (r) => setCommands(r.effective ?? []),
      () => setCommands([]),
    );
    return () => stop.abort();
  }, [user.id, botId, botMessages]);

  async function run(what: string, action: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    try {
      await action();
      setError(undefined);
      return true;
    } catch (e) {
      setError(`${what} failed: ${errorMessage(e)}`);
      return false;
    } finally {
      setBusy(false);
    }
  }

  const base = { from: user.id, chat_id: user.id, ...(bot !== undefined ? { bot: bot.id } : {}) };
  const send = (what: string, req: Omit<SendRequest, "from" | "chat_id" | "bot">): Promise<boolean> => run(what, () => api.send({ ...base, ...req }));
  const sendText = (text: string): Promise<boolean> => send("Sending", { text });
  const read = async (file: Blob, name: string): Promise<string | undefined> => {
    try {
      return await readAsBase64(file);
    } catch (e) {
      setError(`Reading ${name} failed: ${errorMessage(e)}`);
      return undefined;
    }
  };
  const sendFiles = async (files: File[], caption: string): Promise<boolean> => {
    const withCaption = caption !== "" ? { caption } : {};
    if (files.length > 1) {
      if (!files.every((f) => isVisual(f))) {
        setError("An album holds photos and videos only: send other files one at a time");
        return false;
      }
      const items: AlbumItem[] = [];
      for (const [i, f] of files.entries()) {
        const base64 = await read(f, f.name);
        if (base64 === undefined) return false;
        const first = i === 0 ? withCaption : {};
        items.push(f.type.startsWith("video/") ? { type: "video", base64, file_name: f.name, mime_type: f.type, ...first } : { type: "photo", base64, ...first });
      }
      return send("Sending the album", { media_group: items });
    }
    const file = files[0];
    if (file === undefined) return false;
    const base64 = await read(file, file.name);
    if (base64 === undefined) return false;
    if (file.type.startsWith("image/")) return send("Sending the photo", { photo: { base64, ...withCaption } });
    if (file.type.startsWith("video/")) return send("Sending the video", { video: { base64, file_name: file.name, mime_type: file.type, ...withCaption } });
    if (VOICE_TYPES.includes(file.type)) return send("Sending the voice message", { voice: { base64, duration: await audioSeconds(file), mime_type: file.type, ...withCaption } });
    return send("Sending the file", { document: { base64, file_name: file.name, ...(file.type !== "" ? { mime_type: file.type } : {}), ...withCaption } });
  };
  const shareLocation = async (location: { latitude: number; longitude: number }): Promise<void> => {
    if (await send("Sharing the location", { location })) setPanel(undefined);
  };
  const sendSticker = async (sticker: { blob: Blob; emoji: string }): Promise<void> => {
    const base64 = await read(sticker.blob, "the sticker");
    if (base64 !== undefined && (await send("Sending the sticker", { sticker: { base64, emoji: sticker.emoji } }))) setPanel(undefined);
  };
  const editField = editing !== undefined ? editableField(editing) : undefined;
  const saveEdit = (value: string): Promise<boolean> => {
    const target = editing;
    if (target === undefined || editField === undefined) return Promise.resolve(false);
    const change = editField === "text" ? { text: value } : { caption: value };
    return run("Editing", () => api.edit({ ...base, message_id: target.message_id, ...change })).then((ok) => {
      if (ok) setEditing(undefined);
      return ok;
    });
  };
  const shareContact = async (phone: string): Promise<void> => {
    if (await send("Sharing the contact", { contact: { phone_number: phone } })) setPanel(undefined);
  };
  const press = (messageId: number, data: string): void => {
    void run("Pressing the button", () => api.press({ ...base, message_id: messageId, data }));
  };
  const pay = (messageId: number): void => {
    void run("Paying", async () => {
      const result = await api.pay({ ...base, message_id: messageId });
      if (!result.ok) setAlert({ text: `Payment declined${result.error_message ? `: ${result.error_message}` : ""}` });
    });
  };

  const list = useStickToBottom(chat.items.length);
  const shownError = error ?? readError;
  const title = [user.first_name, user.last_name].filter(Boolean).join(" ");
  const subtitle =
    actionVisible && chat.action !== undefined
      ? `${bot?.first_name ?? "bot"} is ${ACTION_LABELS[chat.action] ?? chat.action}`
      : bot !== undefined
        ? `with ${bot.first_name}${bot.username !== undefined ? ` (@${bot.username})` : ""}`
        : "no bot has connected to the sandbox yet";

  return (
    <section className="pg-chat" aria-label={`Chat of ${title}`}>
      <header className="pg-chat-header">
        <button type="button" className="pg-icon-button pg-back" aria-label="Back to users" onClick={onBack}>
          <Icon name="back" />
        </button>
        <div className="pg-chat-title">
          <strong>{title}</strong>
          <span className={actionVisible ? "pg-chat-subtitle pg-chat-action" : "pg-chat-subtitle"}>{subtitle}</span>
        </div>
        <span className="pg-chat-id" title="Chat id (= user id)">#{user.id}</span>
      </header>

      <div className="pg-messages" ref={list.scroller} onScroll={list.onScroll}>
        <div className="pg-messages-inner" ref={list.content}>
          {loaded && chat.items.length === 0 && (
            <p className="pg-empty">
              No messages yet. Send <button type="button" className="pg-command" onClick={() => void sendText("/start")}>/start</button> to begin.
            </p>
          )}
          {groupAlbums(chat.items).map((item) =>
            item.kind === "event" ? (
              <div key={item.key} className="pg-event">
                {item.text}
              </div>
            ) : item.kind === "album" ? (
              <AlbumBubble key={item.key} album={item} busy={busy} onCommand={(c) => void sendText(c)} onEdit={setEditing} />
            ) : (
              <MessageBubble key={item.key} item={item} busy={busy} onPress={press} onPay={pay} onCommand={(c) => void sendText(c)} onEdit={setEditing} />
            ),
          )}
        </div>
      </div>

      {shownError !== undefined && (
        <div className="pg-error" role="alert">
          <span>{shownError}</span>
          {error !== undefined && (
            <button type="button" className="pg-icon-button" aria-label="Dismiss the error" onClick={() => setError(undefined)}>
              <Icon name="close" size={16} />
            </button>
          )}
        </div>
      )}

      <Notices toast={toast} alert={alert} onToastDone={clearToast} onAlertClose={clearAlert} />

      <footer className="pg-footer">
        {panel === "contact" && <ContactForm disabled={busy} onShare={(phone) => void shareContact(phone)} onCancel={() => setPanel(undefined)} />}
        {panel === "location" && <LocationForm disabled={busy} onShare={(l) => void shareLocation(l)} onCancel={() => setPanel(undefined)} />}
        {panel === "sticker" && <StickerPicker disabled={busy} onPick={(s) => void sendSticker(s)} onCancel={() => setPanel(undefined)} />}
        {chat.replyKeyboard !== undefined && keyboardOpen && panel === undefined && (
          <ReplyKeyboard
            keyboard={chat.replyKeyboard}
            disabled={busy}
            onText={(text) => void sendText(text)}
            onContact={() => setPanel("contact")}
            onUnsupported={(reason) => setError(reason)}
          />
        )}
        <Composer
          commands={commands}
          placeholder={chat.placeholder}
          disabled={busy}
          onSendText={sendText}
          onSendFiles={sendFiles}
          onShareContact={() => toggle("contact")}
          onShareLocation={() => toggle("location")}
          onPickSticker={() => toggle("sticker")}
          editing={
            editing !== undefined && editField !== undefined
              ? { field: editField, initial: (editField === "text" ? editing.text : editing.caption) ?? "", onSave: saveEdit, onCancel: () => setEditing(undefined) }
              : undefined
          }
          keyboard={chat.replyKeyboard !== undefined ? { open: keyboardOpen, onToggle: () => setKeyboardOpen((open) => !open) } : undefined}
        />
      </footer>
    </section>
  );
}

function isVisual(file: File): boolean {
  return file.type.startsWith("image/") || file.type.startsWith("video/");
}

/** A picked audio file's length in whole seconds (0 when the browser cannot tell). */
function audioSeconds(file: File): Promise<number> {
  return new Promise((resolve) => {
    const audio = document.createElement("audio");
    const url = URL.createObjectURL(file);
    const done = (seconds: number): void => {
      URL.revokeObjectURL(url);
      resolve(Number.isFinite(seconds) ? Math.round(seconds) : 0);
    };
    audio.onloadedmetadata = () => done(audio.duration);
    audio.onerror = () => done(0);
    audio.src = url;
  });
}

/**
 * Scrolls the message list to the newest message whenever one arrives, wherever the reader was
 * (a booking's summary and its Confirm must come into sight), and keeps it at the bottom while
 * the reader stays there (images load late, keyboards open below).
 */
function useStickToBottom(count: number) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const seen = useRef(0);
  const toBottom = useCallback(() => {
    const el = scroller.current;
    if (el !== null && stick.current) el.scrollTop = el.scrollHeight;
  }, []);
  useLayoutEffect(() => {
    if (count > seen.current) stick.current = true;
    seen.current = count;
    toBottom();
  }, [count, toBottom]);
  useEffect(() => {
    const inner = content.current;
    const outer = scroller.current;
    if (inner === null || outer === null || typeof ResizeObserver === "undefined") return;
    // The content grows (an image loads) or the view shrinks (a keyboard opens below it).
    const observer = new ResizeObserver(toBottom);
    observer.observe(inner);
    observer.observe(outer);
    return () => observer.disconnect();
  }, [toBottom]);
  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (el !== null) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
  }, []);
  return { scroller, content, onScroll };
}
