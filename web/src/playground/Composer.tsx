import { useEffect, useRef, useState } from "react";
import type { BotCommand } from "@grammyjs/types";
import { Icon } from "./Icon.tsx";

interface Props {
  /** Sends text; resolves true when it went out (the input is cleared then). */
  onSendText: (text: string) => Promise<boolean>;
  /** Sends a picked file: images as a photo, anything else as a document; `caption` may be empty. */
  onSendFile: (file: File, caption: string) => Promise<boolean>;
  onShareContact: () => void;
  commands: readonly BotCommand[];
  placeholder?: string | undefined;
  disabled?: boolean;
  /** Shown when the bot's reply keyboard is collapsed or open: the toggle's state. */
  keyboard?: { open: boolean; onToggle: () => void } | undefined;
}

/** The input row: commands menu, attach, share contact, text, keyboard toggle, Send. */
export function Composer({ onSendText, onSendFile, onShareContact, commands, placeholder, disabled = false, keyboard }: Props) {
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | undefined>();
  const [sending, setSending] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const textInput = useRef<HTMLTextAreaElement>(null);
  const preview = useObjectUrl(file?.type.startsWith("image/") === true ? file : undefined);

  const busy = disabled || sending;
  const canSend = !busy && (file !== undefined || text.trim() !== "");

  async function submit(): Promise<void> {
    if (!canSend) return;
    setSending(true);
    try {
      const ok = file !== undefined ? await onSendFile(file, text.trim()) : await onSendText(text);
      if (ok) {
        setText("");
        setFile(undefined);
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
      {file !== undefined && (
        <div className="pg-attachment">
          {preview !== undefined ? <img src={preview} alt="" /> : <Icon name="document" size={28} />}
          <span className="pg-attachment-name">{file.name}</span>
          <span className="pg-attachment-hint">{file.type.startsWith("image/") ? "photo; the text becomes its caption" : "file; the text becomes its caption"}</span>
          <button type="button" className="pg-icon-button" aria-label="Remove the attachment" onClick={() => setFile(undefined)}>
            <Icon name="close" size={16} />
          </button>
        </div>
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
          hidden
          data-testid="attach-input"
          onChange={(e) => {
            const picked = e.target.files?.[0];
            if (picked !== undefined) setFile(picked);
            e.target.value = "";
          }}
        />
        <button type="button" className="pg-icon-button" aria-label="Share contact" title="Share contact" disabled={busy} onClick={onShareContact}>
          <Icon name="contact" />
        </button>
        <textarea
          ref={textInput}
          className="pg-input"
          rows={1}
          aria-label="Message"
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
          Send
        </button>
      </form>
    </div>
  );
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
