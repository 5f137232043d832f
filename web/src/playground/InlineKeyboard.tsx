import type { InlineKeyboardButton, InlineKeyboardMarkup } from "@grammyjs/types";
import { safeUrl } from "./entities.ts";

interface Props {
  markup: InlineKeyboardMarkup;
  /** A callback button was pressed: its callback_data. */
  onPress: (data: string) => void;
  /** The invoice's pay button was pressed. */
  onPay?: (() => void) | undefined;
  /** A press is on its way: buttons wait for it. */
  busy?: boolean;
}

/** The inline keyboard under a bot's message. */
export function InlineKeyboard({ markup, onPress, onPay, busy = false }: Props) {
  return (
    <div className="pg-inline-keyboard">
      {markup.inline_keyboard.map((row, r) => (
        <div className="pg-inline-row" key={r}>
          {row.map((button, b) => (
            <InlineButton key={b} button={button} onPress={onPress} onPay={onPay} busy={busy} />
          ))}
        </div>
      ))}
    </div>
  );
}

function InlineButton({ button, onPress, onPay, busy }: { button: InlineKeyboardButton; onPress: Props["onPress"]; onPay: Props["onPay"]; busy: boolean }) {
  if ("url" in button || "login_url" in button) {
    const href = safeUrl("url" in button ? button.url : button.login_url.url);
    if (href !== undefined) {
      return (
        <a className="pg-inline-button pg-inline-link" href={href} target="_blank" rel="noopener noreferrer">
          {button.text}
        </a>
      );
    }
  }
  if ("callback_data" in button) {
    return (
      <button type="button" className="pg-inline-button" disabled={busy} onClick={() => onPress(button.callback_data)}>
        {button.text}
      </button>
    );
  }
  if ("pay" in button && onPay !== undefined) {
    return (
      <button type="button" className="pg-inline-button pg-inline-pay" disabled={busy} onClick={onPay}>
        {button.text}
      </button>
    );
  }
  if ("copy_text" in button) {
    return (
      <button type="button" className="pg-inline-button" onClick={() => void navigator.clipboard?.writeText(button.copy_text.text).catch(() => undefined)}>
        {button.text}
      </button>
    );
  }
  return (
    <button type="button" className="pg-inline-button" disabled title="This kind of button is not simulated in the Playground">
      {button.text}
    </button>
  );
}
