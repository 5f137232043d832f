import type { Composer } from "grammy";
import type { Transaction } from "kysely";
import type { Database } from "./db/database.ts";
import type { Migrations } from "./db/migrate.ts";
import type { PlatformTables, ScheduledEventTable } from "./db/schema.ts";
import type { Catalogue, Translator } from "./i18n/translator.ts";
import type { Logger } from "./log.ts";
import type { BotyardContext } from "./telegram/context.ts";
import type { Selectable } from "kysely";

/** A button of the home menu that /start shows; the module handles its callback data. */
export interface MenuEntry {
  /** Catalogue key of the button's label. */
  label: string;
  /** Callback data the module's composer answers; keep it short and prefixed with the module. */
  data: string;
  /** Roles that see it; undefined means everyone, strangers included. */
  roles?: readonly string[];
}

/** A command in the bot's command menu (setMyCommands), shown to the given roles. */
export interface CommandEntry {
  command: string;
  /** Catalogue key of the description. */
  description: string;
  roles?: readonly string[];
}

export interface ModuleContext {
  database: Database;
  translator: Translator;
  logger: Logger;
}

export type EventHandler = (trx: Transaction<PlatformTables>, event: Selectable<ScheduledEventTable>) => Promise<void>;

/**
 * A Botyard module: one object the platform mounts. Modules depend on the platform, never on
 * each other; they talk through the outbox and platform events.
 */
export interface BotyardModule {
  name: string;
  migrations?: Migrations;
  catalogues?: Catalogue[];
  /** Permission -> roles that hold it. Owners hold every permission. */
  permissions?: Record<string, readonly string[]>;
  menu?: readonly MenuEntry[];
  commands?: readonly CommandEntry[];
  /** The grammY handlers; thin, calling the module's service. */
  composer?: (context: ModuleContext) => Composer<BotyardContext>;
  /** Handlers of the module's time-bound events (`scheduled_event.kind`). */
  events?: Record<string, EventHandler>;
}

export function defineModule(module: BotyardModule): BotyardModule {
  return module;
}

/** Whether someone with these roles sees an entry meant for `allowed` roles. */
export function visibleTo(roles: ReadonlySet<string>, allowed: readonly string[] | undefined): boolean {
  return allowed === undefined || roles.has("owner") || allowed.some((role) => roles.has(role));
}
