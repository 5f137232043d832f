import type { Message } from "@grammyjs/types";
import { fileUrl } from "./api.ts";
import { FormattedText } from "./FormattedText.tsx";
import { InlineKeyboard } from "./InlineKeyboard.tsx";
import { editableField, largestPhoto, type ChatMessage } from "./transcript.ts";
import { Icon } from "./Icon.tsx";

interface Props {
  item: ChatMessage;
  onPress: (messageId: number, data: string) => void;
  onPay: (messageId: number) => void;
  onCommand: (command: string) => void;
  /** Offered on the user's own messages with a text or caption. */
  onEdit: (message: Message) => void;
  busy: boolean;
}

/** One message: the user's on the right, the bot's on the left, its inline keyboard under it. */
export function MessageBubble({ item, onPress, onPay, onCommand, onEdit, busy }: Props) {
  const { message, fromBot, edited } = item;
  const markup = message.reply_markup;
  const bare = message.sticker !== undefined;
  const bubble = fromBot ? "pg-bubble pg-bubble-bot" : "pg-bubble pg-bubble-user";
  return (
    <div className={fromBot ? "pg-row pg-row-bot" : "pg-row pg-row-user"} data-message-id={message.message_id}>
      <div className="pg-message">
        <div className={bare ? `${bubble} pg-bubble-bare` : bubble}>
          {message.reply_to_message !== undefined && <ReplyQuote message={message.reply_to_message} />}
          <MessageContent message={message} onCommand={fromBot ? onCommand : undefined} onPay={() => onPay(message.message_id)} />
          <MessageMeta date={message.date} edited={edited} onEdit={!fromBot && editableField(message) !== undefined && !busy ? () => onEdit(message) : undefined} />
        </div>
        {markup !== undefined && markup.inline_keyboard.length > 0 && (
          <InlineKeyboard
            markup={markup}
            busy={busy}
            onPress={(data) => onPress(message.message_id, data)}
            onPay={message.invoice !== undefined ? () => onPay(message.message_id) : undefined}
          />
        )}
      </div>
    </div>
  );
}

/** The time, "edited" once it was, and the Edit button on the user's own messages. */
export function MessageMeta({ date, edited, onEdit }: { date: number; edited: boolean; onEdit: (() => void) | undefined }) {
  return (
    <span className="pg-meta">
      {onEdit !== undefined && (
        <button type="button" className="pg-edit-button" onClick={onEdit}>
          Edit
        </button>
      )}
      {edited && <span className="pg-edited">edited</span>}
      <time dateTime={new Date(date * 1000).toISOString()}>{formatTime(date)}</time>
    </span>
  );
}

export function Caption({ message, onCommand }: { message: Message; onCommand: ((c: string) => void) | undefined }) {
  if (message.caption === undefined) return null;
  return (
    <div className="pg-caption">
      <FormattedText text={message.caption} entities={message.caption_entities} onCommand={onCommand} />
    </div>
  );
}

/** A photo or video as it shows in a bubble or an album's grid. */
export function Visual({ message }: { message: Message }) {
  if (message.video !== undefined) {
    const v = message.video;
    return <video className="pg-video" controls preload="metadata" src={fileUrl(v.file_id)} {...(v.width > 0 ? { width: v.width, height: v.height } : {})} />;
  }
  const size = largestPhoto(message.photo);
  if (size === undefined) return null;
  return (
    <a href={fileUrl(size.file_id)} target="_blank" rel="noopener noreferrer" className="pg-photo-link">
      <img className="pg-photo" src={fileUrl(size.file_id)} width={size.width} height={size.height} alt={message.caption ?? "photo"} loading="lazy" />
    </a>
  );
}

function MessageContent({ message, onCommand, onPay }: { message: Message; onCommand: ((c: string) => void) | undefined; onPay: () => void }) {
  const caption = <Caption message={message} onCommand={onCommand} />;
  if (message.text !== undefined) {
    return <FormattedText text={message.text} entities={message.entities} onCommand={onCommand} />;
  }
  if (message.photo !== undefined || message.video !== undefined) {
    return (
      <>
        <Visual message={message} />
        {caption}
      </>
    );
  }
  if (message.sticker !== undefined) {
    const s = message.sticker;
    if (s.is_animated || s.is_video) {
      return s.is_video ? (
        <video className="pg-sticker" autoPlay loop muted playsInline src={fileUrl(s.file_id)} aria-label={`Sticker ${s.emoji ?? ""}`} />
      ) : (
        <span className="pg-service">[animated sticker {s.emoji ?? ""}]</span>
      );
    }
    return <img className="pg-sticker" src={fileUrl(s.file_id)} width={s.width} height={s.height} alt={`Sticker ${s.emoji ?? ""}`.trim()} />;
  }
  if (message.document !== undefined) {
    const doc = message.document;
    const name = doc.file_name ?? "document";
    return (
      <>
        <a className="pg-document" href={fileUrl(doc.file_id)} download={name}>
          <span className="pg-document-icon"><Icon name="document" /></span>
          <span>
            <span className="pg-document-name">{name}</span>
            {doc.file_size !== undefined && <span className="pg-document-size">{formatSize(doc.file_size)}</span>}
          </span>
        </a>
        {caption}
      </>
    );
  }
  if (message.voice !== undefined) {
    return (
      <>
        <audio className="pg-voice" controls src={fileUrl(message.voice.file_id)} />
        {caption}
      </>
    );
  }
  if (message.contact !== undefined) {
    const c = message.contact;
    return (
      <div className="pg-contact">
        <span className="pg-contact-icon"><Icon name="contact" /></span>
        <span>
          <span className="pg-contact-name">{[c.first_name, c.last_name].filter(Boolean).join(" ")}</span>
          <span className="pg-contact-phone">{c.phone_number}</span>
        </span>
      </div>
    );
  }
  if (message.invoice !== undefined) {
    const inv = message.invoice;
    const hasPayButton = message.reply_markup?.inline_keyboard.some((row) => row.some((b) => "pay" in b)) ?? false;
    return (
      <div className="pg-invoice">
        <strong>{inv.title}</strong>
        <span>{inv.description}</span>
        <span className="pg-invoice-price">{formatMoney(inv.total_amount, inv.currency)}</span>
        {!hasPayButton && (
          <button type="button" className="pg-inline-button pg-inline-pay" onClick={onPay}>
            Pay {formatMoney(inv.total_amount, inv.currency)}
          </button>
        )}
      </div>
    );
  }
  if (message.successful_payment !== undefined) {
    const p = message.successful_payment;
    return <span className="pg-service">Paid {formatMoney(p.total_amount, p.currency)}</span>;
  }
  if (message.location !== undefined) {
    const { latitude, longitude, horizontal_accuracy: accuracy } = message.location;
    return (
      <a
        className="pg-location"
        href={`https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={`Location ${latitude}, ${longitude}`}
      >
        <span className="pg-location-icon"><Icon name="pin" size={22} /></span>
        <span>
          <span className="pg-location-title">Location</span>
          <span className="pg-location-coordinates">
            {latitude.toFixed(5)}, {longitude.toFixed(5)}
          </span>
          {accuracy !== undefined && <span className="pg-location-accuracy">±{accuracy} m</span>}
        </span>
      </a>
    );
  }
  const kind = Object.keys(message).find((k) => !["message_id", "from", "chat", "date", "edit_date", "reply_markup", "reply_to_message", "message_thread_id", "is_topic_message", "sender_chat"].includes(k));
  return <span className="pg-service">[{kind ?? "empty message"}]</span>;
}

function ReplyQuote({ message }: { message: Message }) {
  const text =
    message.text ??
    message.caption ??
    (message.photo !== undefined ? "Photo" : message.video !== undefined ? "Video" : message.document !== undefined ? "Document" : message.location !== undefined ? "Location" : message.sticker !== undefined ? `Sticker ${message.sticker.emoji ?? ""}` : "Message");
  return (
    <div className="pg-reply-quote">
      <span className="pg-reply-author">{message.from?.first_name ?? ""}</span>
      <span className="pg-reply-text">{text}</span>
    </div>
  );
}

function formatTime(date: number): string {
  return new Date(date * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Money comes in minor units (Telegram's total_amount); the currency says how many digits. */
function formatMoney(minor: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat(undefined, { style: "currency", currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    return `${minor} ${currency} (minor units)`;
  }
}
