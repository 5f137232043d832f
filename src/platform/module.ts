import type { FastifyInstance } from "fastify";
import type { Api, Composer } from "grammy";
import type { Kysely, Selectable, Transaction } from "kysely";
import type { ModuleLlm } from "./llm/llm-client.ts";
import type { Permission, PermissionTable, Permissions, RoleName } from "./auth/permissions.ts";
import type { Command } from "./commands/command.ts";
import type { CommandRuntime, ModuleHooks } from "./commands/command-runtime.ts";
import type { CurrentSettings, LiveSettings } from "./settings/live-settings.ts";
import type { Database } from "./db/database.ts";
import type { Migrations } from "./db/migrate.ts";
import type { PlatformTables, ScheduledEventTable } from "./db/schema.ts";
import type { Catalogue, TranslationArgs, Translator } from "./i18n/translator.ts";
import type { JobHandler, Jobs } from "./jobs/jobs.ts";
import type { Logger } from "./log.ts";
import type { BotyardContext } from "./telegram/context.ts";
import type { ThreadMessageInput } from "./work-groups/thread-message.ts";

/** A button of the home menu that /start shows; the module handles its callback data. */
export interface MenuEntry<Tables extends object = object> {
  /** Catalogue key of the button's label. */
  label: string;
  /** Callback data the module's composer answers; keep it short and prefixed with the module. */
  data: string;
  /** Roles that see it; undefined means everyone, strangers included. */
  roles?: readonly RoleName[];
  /** A further condition (only people without a role, only when the bot's live settings let staff apply, not for someone blocked), read from `db` when it needs to. */
  when?: (ctx: BotyardContext, settings: CurrentSettings, db: Kysely<PlatformTables & Tables>) => boolean | Promise<boolean>;
}

/** A command in the bot's command menu (setMyCommands), shown to the given roles. */
export interface CommandEntry {
  command: string;
  /** Catalogue key of the description. */
  description: string;
  roles?: readonly RoleName[];
  /** A further condition on who sees it (staff only, or strangers too where the bot's live settings let them apply). */
  when?: (audience: { roles: ReadonlySet<string>; settings: CurrentSettings }) => boolean;
}

/** "Now" for rules and time-bound events; tests move it. */
export interface Clock {
  now(): Date;
}

/**
 * What a module's handlers, routes, events and jobs are given: built once per app. `Tables` are
 * the module's own tables, typed into its database and transactions.
 */
export interface ModuleContext<Tables extends object = object> {
  database: Database<PlatformTables & Tables>;
  translator: Translator;
  logger: Logger;
  settings: LiveSettings;
  permissions: Permissions;
  /** Where people reach the panel (PUBLIC_URL, or this process's URL): login links point there. */
  publicUrl: () => string;
  /** "Now" for rules and time-bound events (RunOptions.clock); tests move it. */
  clock: Clock;
  /** Telegram Payments provider token (PAYMENT_PROVIDER_TOKEN) for modules that send invoices; absent when unset. */
  paymentProviderToken?: string;
  /** Runs a command in a transaction of its own (a route, a job, start-up work). */
  run: CommandRuntime["run"];
  /** Runs a command inside a transaction already open (a scheduled event's). */
  runIn: CommandRuntime["runIn"];
  /** Tells the enabled modules' hooks that a role was granted or taken, or a person blocked, inside `trx`. */
  announce: CommandRuntime["announce"];
  /** What the app mounted: the platform's features and the shipped modules (for audiences, menus and cards of all). */
  installed: { features: readonly BotyardModule[]; modules: readonly BotyardModule[] };
}

/** A bot as the HTTP side knows it: for signed links, login_url and Mini App checks. */
export interface BotIdentity {
  id: string;
  username: string;
  token: string;
}

/** What a module's admin routes get besides the Fastify instance. */
export interface ApiContext<Tables extends object = object> extends ModuleContext<Tables> {
  bots: readonly BotIdentity[];
  /** Every installed module, for the settings page and segment lists. */
  modules: readonly BotyardModule[];
  /** The durable job queue (pg-boss), for work a request starts but should not wait for. */
  jobs: Jobs;
  /** Where backups are written (BACKUP_DIR, resolved). */
  backupDir: string;
  /** How many days scheduled backups are kept (BACKUP_RETENTION_DAYS). */
  backupRetentionDays: number;
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
 * A job queue a module declares (`jobs: { "feedback.digest": { ... } }`): work that must not run
 * in a handler (an LLM call, a file import), enqueued by a command inside its transaction
 * (`scope.enqueue`), so a rolled-back command queues nothing. A failed or interrupted attempt is
 * retried; after the last one the job moves to the dead-letter queue `<queue>.dead`, where it
 * stays for a person to look at. Attempts, failures and dead letters are counted in /metrics.
 */
/** What a module's jobs are given: the module's context, and the LLM (only jobs may wait seconds for one). */
export interface JobContext<Tables extends object = object> extends ModuleContext<Tables> {
  llm: ModuleLlm;
  /** A bot's Bot API, for what a job must ask Telegram itself (downloading a file a user sent); messages go through the outbox. */
  botApi(botId: string): Api;
}

export interface JobDeclaration<Tables extends object = object> {
  /** The handler, given the job context. It runs outside any transaction; it changes state through commands (`context.run`). The data holds the `botId` of the command that queued it. */
  handler(context: JobContext<Tables>): JobHandler<{ botId: string } & Record<string, unknown>>;
  /** Attempts after the first before the job is dead. Default 3. */
  retryLimit?: number;
  /** Seconds between attempts. Default 5. */
  retryDelaySeconds?: number;
  /** How long one attempt may run before it counts as failed and is retried (a replica killed mid-run). Default 15 minutes. */
  expireInSeconds?: number;
}

/** One figure of a dashboard card: a catalogue key for its label, and the number. */
export interface DashboardFigure {
  label: string;
  value: number;
  args?: TranslationArgs;
  /** The value is an amount of this currency (ISO 4217) in minor units, shown as money. */
  currency?: string;
}

/**
 * A card a module adds to the panel's dashboard, shown to those holding `permission` while the
 * module is enabled; its figures are read when the dashboard is asked (every few seconds).
 */
export interface DashboardCard<Tables extends object = object> {
  /** Unique within the module. */
  id: string;
  /** Catalogue key of the card's title. */
  title: string;
  permission: Permission;
  /** The panel page the card leads to, like `/feedback`. */
  link?: string;
  figures(reads: { db: Kysely<PlatformTables & Tables>; botId: string; now: Date; timeZone: string }): Promise<DashboardFigure[]>;
}

/**
 * A Botyard module, as `defineModule` takes it. Modules depend on the platform, never on each
 * other; they talk through the outbox, platform events and hooks. docs/modules.md shows the layout.
 */
export interface ModuleDefinition<Tables extends object = object> {
  name: string;
  /**
   * Off unless a bot's settings (or its entry in the config file) name it: a bot whose settings
   * enable every module (`modules: null`) runs it not. For a module that changes what the bot
   * does for everyone, such as answering every private message.
   */
  optIn?: boolean;
  migrations?: Migrations;
  catalogues?: Catalogue[];
  /** The module's own roles (`master`). A role declared by two modules stops the app at start. */
  roles?: readonly string[];
  /** Permission -> roles that hold it: the platform's roles or the module's own. Owners hold every permission. */
  permissions?: PermissionTable;
  menu?: readonly MenuEntry<Tables>[];
  botCommands?: readonly CommandEntry[];
  /** Every command of the module (its `commands/`), so the audit test runs each. */
  commands?: readonly Command<Tables, never, unknown>[];
  /** The grammY handlers; thin, calling the module's commands. */
  composer?: (context: ModuleContext<Tables>) => Composer<BotyardContext<Tables>>;
  /**
   * Handlers of the module's time-bound events, by `scheduled_event.kind` (each kind handled by
   * one module only); a function of the module's context when they send texts or need the clock.
   */
  events?: Record<string, EventHandler> | ((context: ModuleContext<Tables>) => Record<string, EventHandler>);
  /** The module's job queues, by name; each name starts with the module's name and a dot. */
  jobs?: Record<string, JobDeclaration<Tables>>;
  /** Cards on the panel's dashboard. */
  dashboard?: readonly DashboardCard<Tables>[];
  /** Reactions to people's changes (a role granted or taken, a person blocked), in the changing transaction. */
  hooks?: (context: ModuleContext<Tables>) => ModuleHooks<Tables>;
  /** Admin HTTP routes; each declares its `config.access` (see platform/http/route-guard.ts). */
  api?: (app: FastifyInstance, context: ApiContext<Tables>) => void | Promise<void>;
  /** Broadcast audiences this module offers, by name. */
  segments?: Record<string, AudienceSegment>;
  /** Runs once per process after migrations and before updates are handled (sandbox demo data, for one). */
  onStart?: (context: StartContext) => Promise<void>;
  /**
   * Staff work groups (docs/modules.md, Work groups): declaring it lets the setup command link a
   * group to this module, and routes what staff write in the threads of its subjects (not notes,
   * commands, the bot's own or service messages) to `onThreadMessage`, a command of the module
   * run as the staff member, once per update; a refusal it returns (`refusal(key)`, the key a
   * catalogue text) is answered under the message, in the staff member's language. Notes (messages behind the bot's note marker) are
   * kept by the platform and never reach `onThreadMessage`; a module that keeps them in its own
   * record of the subject too declares `onThreadNote`, run with the note's text (marker taken off).
   */
  threads?: { onThreadMessage: Command<Tables, ThreadMessageInput, unknown>; onThreadNote?: Command<Tables, ThreadMessageInput, unknown> };
}

/** A module as the platform holds it, its tables' types erased. */
export type BotyardModule = ModuleDefinition;

/**
 * Declares a module. `Tables` (the module's `tables.ts`) types its database, its transactions and
 * its handlers' `ctx.commit`; the platform holds every module alike.
 */
export function defineModule<Tables extends object = object>(module: ModuleDefinition<Tables>): BotyardModule {
  // The one place a module's table types meet the platform's: the rows live in the same database.
  return module as unknown as BotyardModule;
}

/** Whether someone with these roles sees an entry meant for `allowed` roles. */
export function visibleTo(roles: ReadonlySet<string>, allowed: readonly string[] | undefined): boolean {
  return allowed === undefined || roles.has("owner") || allowed.some((role) => roles.has(role));
}
