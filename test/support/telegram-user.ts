import type { Message } from "@grammyjs/types";
import type { EmulatorControl, TranscriptEntry } from "../../src/sandbox/control.ts";

/** How long a test waits for the bot before failing: generous, never a speed assertion. */
const PATIENCE_MS = 45_000;

/**
 * A simulated Telegram user driving a bot through the emulator, reading the bot's answers from
 * the transcript of their private chat.
 */
export class TelegramUser {
  readonly id: number;
  readonly #control: EmulatorControl;
  #seen = 0;

  constructor(control: EmulatorControl, options: { first_name: string; language_code?: string; id?: number; username?: string }) {
    this.#control = control;
    this.id = control.createUser(options).id;
  }

  send(text: string): number {
    return this.#control.send({ from: this.id, text }).update_id;
  }

  sendPhoto(caption?: string): number {
    // A 1x1 PNG.
    const base64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    return this.#control.send({ from: this.id, photo: { base64, caption } }).update_id;
  }

  shareContact(phone: string): number {
    return this.#control.send({ from: this.id, contact: { phone_number: phone } }).update_id;
  }

  press(message: Message, data: string): number {
    return this.#control.press({ from: this.id, message_id: message.message_id, data }).update_id;
  }

  /** Presses the inline button whose text includes `label`. */
  pressButton(message: Message, label: string): number {
    const button = message.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes(label));
    if (button === undefined || !("callback_data" in button)) {
      throw new Error(`no button "${label}" in ${JSON.stringify(message.reply_markup)}`);
    }
    return this.press(message, button.callback_data);
  }

  block(blocked = true): void {
    this.#control.block({ user_id: this.id, blocked });
  }

  /** Everything in this chat after what was already read. */
  async entries(waitSeconds = 0): Promise<TranscriptEntry[]> {
    const entries = await this.#control.transcript({ chat_id: this.id, after: this.#seen, wait: waitSeconds });
    return entries;
  }

  /** Waits for the next bot entry matching `match` and returns it; earlier entries are consumed. */
  async next(match: (entry: TranscriptEntry) => boolean = (entry) => entry.direction === "from_bot"): Promise<TranscriptEntry> {
    const deadline = Date.now() + PATIENCE_MS;
    while (Date.now() < deadline) {
      const entries = await this.#control.transcript({ chat_id: this.id, after: this.#seen, wait: 1 });
      for (const entry of entries) {
        this.#seen = entry.seq;
        if (match(entry)) return entry;
      }
    }
    throw new Error(`user ${this.id}: no matching bot entry within ${PATIENCE_MS} ms`);
  }

  /** The next message from the bot. */
  async reply(): Promise<Message> {
    const entry = await this.next((e) => e.direction === "from_bot" && e.message !== undefined);
    return entry.message as Message;
  }

  /** The next message from the bot whose text (or caption) includes `text`. */
  async replyContaining(text: string): Promise<Message> {
    const entry = await this.next(
      (e) => e.direction === "from_bot" && ((e.message?.text ?? e.message?.caption ?? "").includes(text)),
    );
    return entry.message as Message;
  }

  /** The next answer to a callback query (the toast text). */
  async callbackAnswer(): Promise<string | undefined> {
    const entry = await this.next((e) => e.direction === "callback_answer");
    return entry.callback_answer?.text;
  }

  /** All bot messages in the chat so far (not consuming). */
  async botMessages(): Promise<Message[]> {
    const entries = await this.#control.transcript({ chat_id: this.id, after: 0 });
    return entries.filter((e) => e.direction === "from_bot" && e.message !== undefined).map((e) => e.message as Message);
  }
}

/** Waits until `condition` holds, checking now and then; fails the test after the patience runs out. */
export async function eventually<T>(condition: () => Promise<T | undefined | false> | T | undefined | false, what: string): Promise<T> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
