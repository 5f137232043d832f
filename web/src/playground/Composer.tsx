import { useEffect, useRef, useState } from "react";
import type { BotCommand } from "@grammyjs/types";
import { CAPTION_LIMIT, TEXT_LIMIT } from "../../../src/sandbox/control.ts";
import { VOICE_TYPES } from "./api.ts";
import { Icon } from "./Icon.tsx";

interface Props {
  /** Sends text; resolves true when it went out (the input is cleared then). */
  onSendText: (text: string) => Promise<boolean>;
  /** Sends picked files: one image as a photo, a video as a video, audio as a voice note, anything else as a document; 2-10 images and videos as an album. */
  onSendFiles: (files: File[], caption: string) => Promise<boolean>;
  onShareContact: () => void;
  onShareLocation: () => void;
  onPickSticker: () => void;
  /** Editing a sent message: the input holds its text or caption, and Save replaces it. */
  editing?: { field: "text" | "caption"; initial: string; onSave: (value: string) => Promise<boolean>; onCancel: () => void } | undefined;
  commands: readonly BotCommand[];
  placeholder?: string | undefined;
  disabled?: boolean;
  /** Shown when the bot's reply keyboard is collapsed or open: the toggle's state. */
  keyboard?: { open: boolean; onToggle: () => void } | undefined;
}

/** The input row: commands menu, attach, share contact, text, keyboard toggle, Send. */
export function Composer({ onSendText, onSendFiles, onShareContact, onShareLocation, onPickSticker, editing, commands, placeholder, disabled = false, keyboard }: Props) {
  const [text, setText] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const file = files[0];
  const editInitial = editing?.initial;
  useEffect(() => {
    if (editInitial !== undefined) setText(editInitial);
  }, [editInitial]);
  const [sending, setSending] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const textInput = useRef<HTMLTextAreaElement>(null);
  const preview = useObjectUrl(file?.type.startsWith("image/") === true ? file : undefined);

  const busy = disabled || sending;
  // Like Telegram: a message's text holds 4096 characters, a caption 1024.
  const isCaption = editing !== undefined ? editing.field === "caption" : file !== undefined;
  const limit = isCaption ? CAPTION_LIMIT : TEXT_LIMIT;
  const length = (isCaption ? text.trim() : text).length;
  const tooLong = length > limit;
  const canSend = !busy && !tooLong && (editing !== undefined ? editing.field === "caption" || text.trim() !== "" : file !== undefined || text.trim() !== "");

  async function submit(): Promise<void> {
    if (!canSend) return;
    setSending(true);
    try {
      const ok = editing !== undefined ? await editing.onSave(editing.field === "text" ? text : text.trim()) : file !== undefined ? await onSendFiles(files, text.trim()) : await onSendText(text);
      if (ok) {
        setText("");
        setFiles([]);
      }
    } finally {
      setSending(false);
      textInput.current?.focus();
    }
  }

  async function sendCommand(command: string): Promise<void> {
    setMenuOpen(false);
    setSending(true);
    try {
      await onSendText(`/${command}`);
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="pg-composer">
      {menuOpen && commands.length > 0 && (
        <ul className="pg-commands" role="menu" aria-label="Bot commands">
          {commands.map((c) => (
            <li key={c.command}>
              <button type="button" role="menuitem" onClick={() => void sendCommand(c.command)}>
                <span className="pg-commands-name">/{c.command}</span>
                <span className="pg-commands-description">{c.description}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {editing !== undefined && (
        <div className="pg-attachment pg-editing">
          <span className="pg-attachment-name">Editing the {editing.field === "text" ? "message" : "caption"}</span>
          <button
            type="button"
            className="pg-icon-button"
            aria-label="Cancel editing"
            onClick={() => {
              setText("");
              editing.onCancel();
            }}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
      {file !== undefined && (
        <div className="pg-attachment">
          {preview !== undefined ? <img src={preview} alt="" /> : <Icon name="document" size={28} />}
          <span className="pg-attachment-name">{files.length > 1 ? `${files.length} files` : file.name}</span>
          <span className="pg-attachment-hint">{attachmentHint(files)}</span>
          <button type="button" className="pg-icon-button" aria-label="Remove the attachment" onClick={() => setFiles([])}>
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
      {tooLong && (
        <p id="pg-too-long" className="pg-too-long">
          {`${length.toLocaleString("en")} characters: Telegram allows at most ${limit.toLocaleString("en")} in a ${isCaption ? "caption" : "message"}`}
        </p>
      )}
      <form
        className="pg-composer-row"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {commands.length > 0 && (
          <button
            type="button"
            className={menuOpen ? "pg-icon-button pg-menu-button pg-active" : "pg-icon-button pg-menu-button"}
            aria-label="Bot commands"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen((open) => !open)}
          >
            /
          </button>
        )}
        <button type="button" className="pg-icon-button" aria-label="Attach a photo or file" title="Attach a photo or file" disabled={busy} onClick={() => fileInput.current?.click()}>
          <Icon name="attach" />
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          data-testid="attach-input"
          onChange={(e) => {
            const picked = [...(e.target.files ?? [])];
            if (picked.length > 0) setFiles(picked);
            e.target.value = "";
          }}
        />
        <button type="button" className="pg-icon-button" aria-label="Share contact" title="Share contact" disabled={busy} onClick={onShareContact}>
          <Icon name="contact" />
        </button>
        <button type="button" className="pg-icon-button" aria-label="Share location" title="Share location" disabled={busy} onClick={onShareLocation}>
          <Icon name="pin" />
        </button>
        <button type="button" className="pg-icon-button" aria-label="Send a sticker" title="Send a sticker" disabled={busy} onClick={onPickSticker}>
          <Icon name="sticker" />
        </button>
        <textarea
          ref={textInput}
          className="pg-input"
          rows={1}
          aria-label="Message"
          aria-invalid={tooLong}
          aria-describedby={tooLong ? "pg-too-long" : undefined}
          placeholder={file !== undefined ? "Caption (optional)" : (placeholder ?? "Message")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        {keyboard !== undefined && (
          <button
            type="button"
            className={keyboard.open ? "pg-icon-button pg-active" : "pg-icon-button"}
            aria-label={keyboard.open ? "Hide the bot keyboard" : "Show the bot keyboard"}
            aria-pressed={keyboard.open}
            onClick={keyboard.onToggle}
          >
            <Icon name="keyboard" />
          </button>
        )}
        <button type="submit" className="pg-send" disabled={!canSend}>
          {editing !== undefined ? "Save" : "Send"}
        </button>
      </form>
    </div>
  );
}

function attachmentHint(files: readonly File[]): string {
  if (files.length > 1) return "an album; the text becomes its caption";
  const type = files[0]?.type ?? "";
  const kind = type.startsWith("image/") ? "photo" : type.startsWith("video/") ? "video" : VOICE_TYPES.includes(type) ? "voice message" : "file";
  return `${kind}; the text becomes its caption`;
}

/** An object URL for a local file's preview, revoked when the file changes or the view goes. */
function useObjectUrl(file: File | undefined): string | undefined {
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    if (file === undefined) {
      setUrl(undefined);
      return;
    }
    const created = URL.createObjectURL(file);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [file]);
  return url;
}
