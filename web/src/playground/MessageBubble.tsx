import type { Message } from "@grammyjs/types";
import { fileUrl } from "./api.ts";
import { FormattedText } from "./FormattedText.tsx";
import { InlineKeyboard } from "./InlineKeyboard.tsx";
import { largestPhoto, type ChatMessage } from "./transcript.ts";
import { Icon } from "./Icon.tsx";

interface Props {
  item: ChatMessage;
  onPress: (messageId: number, data: string) => void;
  onPay: (messageId: number) => void;
  onCommand: (command: string) => void;
  busy: boolean;
}

/** One message: the user's on the right, the bot's on the left, its inline keyboard under it. */
export function MessageBubble({ item, onPress, onPay, onCommand, busy }: Props) {
  const { message, fromBot, edited } = item;
  const markup = message.reply_markup;
  return (
    <div className={fromBot ? "pg-row pg-row-bot" : "pg-row pg-row-user"} data-message-id={message.message_id}>
      <div className="pg-message">
        <div className={fromBot ? "pg-bubble pg-bubble-bot" : "pg-bubble pg-bubble-user"}>
          {message.reply_to_message !== undefined && <ReplyQuote message={message.reply_to_message} />}
          <MessageContent message={message} onCommand={fromBot ? onCommand : undefined} onPay={() => onPay(message.message_id)} />
          <span className="pg-meta">
            {edited && <span className="pg-edited">edited</span>}
            <time dateTime={new Date(message.date * 1000).toISOString()}>{formatTime(message.date)}</time>
          </span>
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

function MessageContent({ message, onCommand, onPay }: { message: Message; onCommand: ((c: string) => void) | undefined; onPay: () => void }) {
  const caption =
    message.caption !== undefined ? (
      <div className="pg-caption">
        <FormattedText text={message.caption} entities={message.caption_entities} onCommand={onCommand} />
      </div>
    ) : null;
  if (message.text !== undefined) {
    return <FormattedText text={message.text} entities={message.entities} onCommand={onCommand} />;
  }
  if (message.photo !== undefined) {
    const size = largestPhoto(message.photo);
    return (
      <>
        {size !== undefined && (
          <a href={fileUrl(size.file_id)} target="_blank" rel="noopener noreferrer" className="pg-photo-link">
            <img className="pg-photo" src={fileUrl(size.file_id)} width={size.width} height={size.height} alt={message.caption ?? "photo"} loading="lazy" />
          </a>
        )}
        {caption}
      </>
    );
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
    return (
      <span className="pg-location">
        <Icon name="pin" size={16} /> {message.location.latitude.toFixed(5)}, {message.location.longitude.toFixed(5)}
      </span>
    );
  }
  const kind = Object.keys(message).find((k) => !["message_id", "from", "chat", "date", "edit_date", "reply_markup", "reply_to_message", "message_thread_id", "is_topic_message", "sender_chat"].includes(k));
  return <span className="pg-service">[{kind ?? "empty message"}]</span>;
}

function ReplyQuote({ message }: { message: Message }) {
  const text = message.text ?? message.caption ?? (message.photo !== undefined ? "Photo" : message.document !== undefined ? "Document" : "Message");
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
