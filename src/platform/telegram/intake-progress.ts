/**
 * Whether intake is making progress: a bot whose last received updates could not be written to
 * the inbox is stuck until a write succeeds. /readyz says not ready meanwhile.
 */
export class IntakeProgress {
  readonly #stuck = new Set<string>();

  /** Updates of the bot were written to the inbox. */
  stored(botId: string): void {
    this.#stuck.delete(botId);
  }

  /** Updates of the bot were received but could not be written (they will come again). */
  failed(botId: string): void {
    this.#stuck.add(botId);
  }

  get healthy(): boolean {
    return this.#stuck.size === 0;
  }
}
