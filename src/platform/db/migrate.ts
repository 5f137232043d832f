import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from "kysely";
import * as platformCore from "./migrations/0001_platform_core.ts";
import * as platformAccess from "./migrations/0002_platform_access.ts";
import * as platformLlm from "./migrations/0004_platform_llm.ts";
import * as platformFiles from "./migrations/0005_platform_files.ts";
import * as platformPanelLanguage from "./migrations/0006_platform_panel_language.ts";
import * as platformWorkGroups from "./migrations/0007_platform_work_groups.ts";
import * as platformStatusHistory from "./migrations/0008_platform_status_history.ts";
import * as healthIncidents from "./migrations/0003_health_incidents.ts";
import * as platformRawUpdates from "./migrations/0003_platform_raw_updates.ts";

/**
 * Migrations by name, run in name order: the platform's (`00_platform_0001_core`) sort before every
 * module's (`booking_0001_...`), whose tables may refer to the platform's.
 */
export type Migrations = Record<string, Migration>;

export const platformMigrations: Migrations = {
  "00_platform_0001_core": platformCore,
  "00_platform_0002_access": platformAccess,
  "00_platform_0004_llm": platformLlm,
  "00_platform_0003_health_incidents": healthIncidents,
  "00_platform_0003_raw_updates": platformRawUpdates,
  "00_platform_0005_files": platformFiles,
  "00_platform_0006_panel_language": platformPanelLanguage,
  "00_platform_0007_work_groups": platformWorkGroups,
  "00_platform_0008_status_history": platformStatusHistory,
};

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** Applies every pending migration of the platform and the given modules, each in its own transaction. */
export async function migrateToLatest<Tables>(db: Kysely<Tables>, moduleMigrations: Migrations = {}): Promise<string[]> {
  const migrations = { ...platformMigrations, ...moduleMigrations };
  if (await appliedExactly(db, Object.keys(migrations))) return [];
  const migrator = new Migrator({
    db: db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    allowUnorderedMigrations: true,
    migrationTableName: "botyard_migration",
    migrationLockTableName: "botyard_migration_lock",
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName ?? "unknown";
    throw new MigrationError(`Migration ${failed} failed: ${String((error as Error).message ?? error)}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === "Success").map((result) => result.migrationName);
}

/**
 * Whether the database has applied exactly these migrations, the usual case at start-up: then
 * there is nothing to do, and two queries say so where the migrator's catalogue look-ups take a
 * second on PGlite. Anything else (one pending, one unknown) is the migrator's to apply or refuse.
 */
async function appliedExactly<Tables>(db: Kysely<Tables>, names: string[]): Promise<boolean> {
  const { rows: [table] } = await sql<{ present: boolean }>`select to_regclass('botyard_migration') is not null as present`.execute(db);
  if (table?.present !== true) return false;
  const { rows } = await sql<{ name: string }>`select name from botyard_migration`.execute(db);
  const applied = new Set(rows.map((row) => row.name));
  return applied.size === names.length && names.every((name) => applied.has(name));
}
