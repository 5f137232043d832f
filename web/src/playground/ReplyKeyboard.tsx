import type { ReplyKeyboardMarkup } from "@grammyjs/types";
import { buttonText, replyButtonAction } from "./transcript.ts";
import { Icon } from "./Icon.tsx";

interface Props {
  keyboard: ReplyKeyboardMarkup;
  onText: (text: string) => void;
  onContact: () => void;
  onUnsupported: (reason: string) => void;
  disabled?: boolean;
}

/** The bot's reply keyboard in force, drawn above the input like Telegram's. */
export function ReplyKeyboard({ keyboard, onText, onContact, onUnsupported, disabled = false }: Props) {
  return (
    <div className="pg-reply-keyboard" role="group" aria-label="Bot keyboard">
      {keyboard.keyboard.map((row, r) => (
        <div className="pg-reply-row" key={r}>
          {row.map((button, b) => {
            const action = replyButtonAction(button);
            const onClick = (): void => {
              if (action.kind === "text") onText(action.text);
              else if (action.kind === "contact") onContact();
              else onUnsupported(action.reason);
            };
            return (
              <button
                type="button"
                key={b}
                className={action.kind === "contact" ? "pg-reply-button pg-reply-contact" : "pg-reply-button"}
                disabled={disabled}
                onClick={onClick}
              >
                {action.kind === "contact" && <Icon name="phone" size={16} />}
                {buttonText(button)}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
