import type { Database } from "../db/database.ts";
import type { AudienceSegment, BotyardModule, SegmentOption } from "../module.ts";
import { modulesEnabledIn } from "../settings/enabled-modules.ts";
import type { LiveSettings } from "../settings/live-settings.ts";

/** Everyone who ever wrote to the bot (every bot_member row). */
export const allPeople: AudienceSegment = {
  label: "broadcasts-segment-all",
  async audience(db, botId) {
    const rows = await db.selectFrom("bot_member").select("telegram_id").where("bot_id", "=", botId).orderBy("telegram_id").execute();
    return rows.map((row) => row.telegram_id);
  },
};

/** The bot's people who hold a role (admins, masters...). */
export const byRole: AudienceSegment = {
  label: "broadcasts-segment-role",
  params: [{ name: "role", label: "broadcasts-segment-role-param", kind: "role" }],
  async audience(db, botId, params) {
    const role = params.role;
    if (typeof role !== "string") throw new Error("the by-role segment needs a role");
    const rows = await db
      .selectFrom("role")
      .select("telegram_id")
      .distinct()
      .where("bot_id", "=", botId)
      .where("role", "=", role)
      .orderBy("telegram_id")
      .execute();
    return rows.map((row) => row.telegram_id);
  },
};

/** The options each `choice` parameter of a segment offers the bot now, by parameter name. */
export async function optionsOf(segment: AudienceSegment | undefined, db: Database["db"], botId: string): Promise<Record<string, SegmentOption[]>> {
  const options: Record<string, SegmentOption[]> = {};
  for (const param of segment?.params ?? []) {
    if (param.kind === "choice") options[param.name] = await param.options(db, botId);
  }
  return options;
}

/** The values a choice accepts, by parameter name (what checkAudienceChoice takes). */
export async function choicesOf(segment: AudienceSegment | undefined, db: Database["db"], botId: string): Promise<Record<string, string[]>> {
  const options = await optionsOf(segment, db, botId);
  return Object.fromEntries(Object.entries(options).map(([name, list]) => [name, list.map((option) => option.value)]));
}

/** The platform's own audiences; modules add theirs with `defineModule({ segments })`. */
export const PLATFORM_SEGMENTS: Readonly<Record<string, AudienceSegment>> = { all: allPeople, role: byRole };

/**
 * The audiences each bot offers: those of the platform's features (always on) and of the modules
 * the bot has enabled, read from live settings so enabling a module in the panel adds its
 * segments at once. Two providers declaring the same segment name is a programming error.
 */
export class SegmentCatalogue {
  readonly #features: readonly BotyardModule[];
  readonly #modules: readonly BotyardModule[];
  readonly #settings: Pick<LiveSettings, "of">;

  constructor(features: readonly BotyardModule[], modules: readonly BotyardModule[], settings: Pick<LiveSettings, "of">) {
    this.#features = features;
    this.#modules = modules;
    this.#settings = settings;
    this.#collect([...features, ...modules]);
  }

  #collect(providers: readonly BotyardModule[]): Record<string, AudienceSegment> {
    const segments: Record<string, AudienceSegment> = {};
    for (const provider of providers) {
      for (const [name, segment] of Object.entries(provider.segments ?? {})) {
        if (Object.hasOwn(segments, name)) throw new Error(`two modules declare the audience segment "${name}"`);
        segments[name] = segment;
      }
    }
    return segments;
  }

  /** The segments offered to `botId` now, by name. */
  of(botId: string): Record<string, AudienceSegment> {
    return this.#collect([...this.#features, ...modulesEnabledIn(this.#settings.of(botId).modules, this.#modules)]);
  }
}
