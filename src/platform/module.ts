import type { FastifyInstance } from "fastify";
import type { Composer } from "grammy";
import type { Permissions } from "./auth/permissions.ts";
import type { CurrentSettings, LiveSettings } from "./settings/live-settings.ts";
import type { Transaction } from "kysely";
import type { Database } from "./db/database.ts";
import type { Migrations } from "./db/migrate.ts";
import type { PlatformTables, ScheduledEventTable } from "./db/schema.ts";
import type { Catalogue, Translator } from "./i18n/translator.ts";
import type { Jobs } from "./jobs/jobs.ts";
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
  /** A further condition (only people without a role, only when the bot's live settings let staff apply). */
  when?: (ctx: BotyardContext, settings: CurrentSettings) => boolean;
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
  settings: LiveSettings;
  permissions: Permissions;
  /** Where people reach the panel (PUBLIC_URL, or this process's URL): login links point there. */
  publicUrl: () => string;
  /** "Now" for rules and time-bound events (RunOptions.clock); tests move it. Absent means the system clock. */
  clock?: { now(): Date };
  /** Telegram Payments provider token (PAYMENT_PROVIDER_TOKEN) for modules that send invoices; absent when unset. */
  paymentProviderToken?: string;
}

/** A bot as the HTTP side knows it: for signed links, login_url and Mini App checks. */
export interface BotIdentity {
  id: string;
  username: string;
  token: string;
}

/** What a module's admin routes get besides the Fastify instance. */
export interface ApiContext extends ModuleContext {
  bots: readonly BotIdentity[];
  /** Every installed module, for the settings page and segment lists. */
  modules: readonly BotyardModule[];
  /** The durable job queue (pg-boss), for work a request starts but should not wait for. */
  jobs: Jobs;
  /** Where backups are written (BACKUP_DIR, resolved). */
  backupDir: string;
}

/** One answer a `choice` parameter offers: the value stored and the label the panel shows. */
export interface SegmentOption {
  value: string;
  label: string;
}

/**
 * A parameter of an audience the panel asks for: a role of the bot, a number, a text, or one of
 * the options `options` lists for the bot (a service, say), which are the only values accepted.
 */
export type SegmentParam =
  | { name: string; label: string; kind: "role" | "number" | "text" }
  | { name: string; label: string; kind: "choice"; options(db: Database["db"], botId: string): Promise<SegmentOption[]> };

/**
 * An audience of broadcasts (all clients, by role, inactive N days...): the Telegram ids of a
 * bot's people in it. Blocked people are skipped by the sender, not here. `now` is the app's
 * clock, for audiences defined by time ("no visit in the last N days").
 */
export interface AudienceSegment {
  /** Catalogue key of its name in the panel. */
  label: string;
  /** Parameters the panel asks for, checked before the audience is asked (see checkAudienceChoice). */
  params?: readonly SegmentParam[];
  audience(db: Database["db"], botId: string, params: Record<string, unknown>, now: Date): Promise<number[]>;
}

/** What a module's start-up hook gets: the database after migrations, and the bots it serves. */
export interface StartContext {
  database: Database;
  logger: Logger;
  /** The bots that have this module enabled. */
  botIds: readonly string[];
  /** Sandbox mode only: the emulator's simulated owner, whom demo data may link to. */
  sandbox: { ownerTelegramId: number } | undefined;
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
  /**
   * Handlers of the module's time-bound events (`scheduled_event.kind`); a function of the
   * module's context when they send texts (translator, settings) or need the clock.
   */
  events?: Record<string, EventHandler> | ((context: ModuleContext) => Record<string, EventHandler>);
  /** Admin HTTP routes; each declares its `config.access` (see platform/http/route-guard.ts). */
  api?: (app: FastifyInstance, context: ApiContext) => void | Promise<void>;
  /** Broadcast audiences this module offers, by name. */
  segments?: Record<string, AudienceSegment>;
  /** Runs once per process after migrations and before updates are handled (sandbox demo data, for one). */
  onStart?: (context: StartContext) => Promise<void>;
}

export function defineModule(module: BotyardModule): BotyardModule {
  return module;
}

/** Whether someone with these roles sees an entry meant for `allowed` roles. */
export function visibleTo(roles: ReadonlySet<string>, allowed: readonly string[] | undefined): boolean {
  return allowed === undefined || roles.has("owner") || allowed.some((role) => roles.has(role));
}
