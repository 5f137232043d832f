import type { HealthReporter } from "../health/health-registry.ts";

/**
 * Whether intake is making progress: a bot whose last received updates could not be written to
 * the inbox is stuck until a write succeeds. /readyz says not ready meanwhile, and the health
 * registry hears of it (a lasting failure is an incident the owners are told of).
 */
export class IntakeProgress {
  readonly #stuck = new Set<string>();
  readonly #health: HealthReporter | undefined;

  constructor(health?: HealthReporter) {
    this.#health = health;
  }

  /** Updates of the bot were written to the inbox. */
  stored(botId: string): void {
    this.#stuck.delete(botId);
    void this.#health?.recovered({ kind: "intake", botId });
  }

  /** Updates of the bot were received but could not be written (they will come again). */
  failed(botId: string, error?: unknown): void {
    this.#stuck.add(botId);
    void this.#health?.failing({ kind: "intake", botId }, error instanceof Error ? error.message : "the inbox refused the updates");
  }

  get healthy(): boolean {
    return this.#stuck.size === 0;
  }
}
