import type { Context } from "grammy";
import type { Transaction } from "kysely";
import type { Permission } from "../auth/permissions.ts";
import type { Command } from "../commands/command.ts";
import type { PlatformTables } from "../db/schema.ts";
import type { Locale, TranslationArgs } from "../i18n/translator.ts";
import type { Logger } from "../log.ts";
import type { FlowState } from "./flows.ts";
import type { BotyardModule } from "../module.ts";
import type { Jsonified } from "./update-journal.ts";

/** What Botyard adds to grammY's context for every update; `Tables` are the handling module's own. */
export interface BotyardFlavor<Tables extends object = object> {
  /** The tenant: which of the deployment's bots this update came to. */
  botId: string;
  /** Platform roles of the sender in this bot (`owner`, `admin`, and modules' roles). */
  roles: ReadonlySet<string>;
  /** Whether the sender's roles hold a permission (owners hold all); see requirePermission. */
  can(permission: Permission): boolean;
  locale: Locale;
  /** The languages this bot speaks, for texts sent to other people (staff notices). */
  botLanguages: readonly Locale[];
  /** The modules this bot has enabled now (panel settings apply from the next update). */
  enabledModules: readonly BotyardModule[];
  /** A text of the catalogue in the sender's language, with the bot's overrides. */
  t(key: string, args?: TranslationArgs): string;
  /**
   * Runs `work` in one transaction, once per update even across crashes: a retried update gets
   * the recorded result back instead of running it again. The result comes back as JSON (a
   * `Date` becomes a string), the same on the first run as on a replay. Bot API calls inside
   * `work` throw; reply after it returns.
   */
  commit<T>(name: string, work: (trx: Transaction<PlatformTables & Tables>) => Promise<T>): Promise<Jsonified<T>>;
  /** Runs a command as the sender, once per update like `commit`; its result comes back as JSON. */
  run<Input, Result>(command: Command<Tables, Input, Result>, input: Input): Promise<Jsonified<Result>>;
  /** The sender's current multi-step flow in this chat, if any. */
  flow: FlowState | undefined;
  /** Aborted at the handler's deadline; pass it to slow work. */
  signal: AbortSignal;
  log: Logger;
}

export type BotyardContext<Tables extends object = object> = Context & BotyardFlavor<Tables>;
