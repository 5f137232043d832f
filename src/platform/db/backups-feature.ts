import { createReadStream, existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Transaction } from "kysely";
import { z } from "zod";
import { defineUseCase } from "../audit/use-case.ts";
import { actorOf } from "../http/route-guard.ts";
import { BACKUP_QUEUE } from "../jobs/backup-job.ts";
import type { Jobs } from "../jobs/jobs.ts";
import { defineModule, type ApiContext } from "../module.ts";
import { parseInput, refuse } from "../http/answers.ts";
import { backupTime } from "./backup.ts";
import type { PlatformTables } from "./schema.ts";

/** A backup file as the panel lists it. */
export interface BackupFile {
  name: string;
  size: number;
  /** When it was taken (from its name), ISO 8601. */
  takenAt: string;
}

/** The backups in `dir`, newest first; files that are not Botyard backups (or still being written) are left out. */
export async function listBackups(dir: string): Promise<BackupFile[]> {
  const names = existsSync(dir) ? await readdir(dir) : [];
  const backups: BackupFile[] = [];
  for (const name of names) {
    const takenAt = backupTime(name);
    if (takenAt === undefined) continue;
    const info = await stat(join(dir, name));
    if (info.isFile()) backups.push({ name, size: info.size, takenAt: takenAt.toISOString() });
  }
  return backups.sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

/**
 * Queues a backup now, in the same durable queue as the scheduled ones: it survives the request
 * (and a restart), runs on one replica, and the panel follows it by the returned job id. A
 * failed manual run is not retried; the owner sees why and can run it again.
 */
export const runBackup = defineUseCase("backups.run", async (trx: Transaction<PlatformTables>, actor, input: { jobs: Pick<Jobs, "send"> }) => {
  const jobId = await input.jobs.send(BACKUP_QUEUE, { requestedBy: actor.personId }, { trx, retryLimit: 0 });
  if (jobId === null) throw new Error("the backup queue refused the job");
  return { result: jobId, audit: { objectType: "backup_run", objectId: jobId } };
});

/** Where a queued backup is: waiting, running, done, or failed with the reason. */
export interface BackupRun {
  id: string;
  state: "queued" | "running" | "done" | "failed";
  error: string | null;
}

const RUN_STATES = { created: "queued", retry: "queued", active: "running", completed: "done", failed: "failed", cancelled: "failed" } as const;

const access = { permission: "backups.manage" } as const;
const NameParams = z.object({ name: z.string().max(200) });
const RunParams = z.object({ id: z.uuid() });

function backupsApi(app: FastifyInstance, context: ApiContext): void {
  const { translator, jobs, backupDir, backupRetentionDays } = context;
  const db = context.database.db;

  app.get("/api/backups", { config: { access } }, async () => ({
    /** The absolute path of the folder the files are in, on the server. */
    directory: backupDir,
    retentionDays: backupRetentionDays,
    database: context.database.kind,
    backups: await listBackups(backupDir),
  }));

  app.post("/api/backups", { config: { access } }, async (request, reply) => {
    const jobId = await db.transaction().execute((trx) => runBackup(trx, actorOf(request), { jobs }));
    return reply.code(202).send({ id: jobId, state: "queued", error: null } satisfies BackupRun);
  });

  app.get("/api/backups/runs/:id", { config: { access } }, async (request, reply) => {
    const params = parseInput(translator, request, reply, RunParams, request.params);
    if (params === undefined) return reply;
    const [job] = await jobs.boss.findJobs(BACKUP_QUEUE, { id: params.id });
    if (job === undefined) return refuse(translator, request, reply, 404, "backups-unknown-run", { id: params.id });
    const output = job.output as { message?: unknown } | null;
    const error = job.state === "failed" && typeof output?.message === "string" ? output.message : null;
    return { id: job.id, state: RUN_STATES[job.state], error } satisfies BackupRun;
  });

  app.get("/api/backups/:name/download", { config: { access } }, async (request, reply) => {
    const params = parseInput(translator, request, reply, NameParams, request.params);
    if (params === undefined) return reply;
    // Only names of the backup pattern: no separators, no `..`, nothing outside the directory.
    if (backupTime(params.name) === undefined) return refuse(translator, request, reply, 400, "backups-bad-name", { name: params.name });
    const path = join(backupDir, params.name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() !== true) return refuse(translator, request, reply, 404, "backups-not-found", { name: params.name });
    context.logger.info({ backup: params.name, by: actorOf(request).personId }, "backup downloaded");
    return reply
      .type(params.name.endsWith(".tar.gz") ? "application/gzip" : "application/octet-stream")
      .header("content-length", info.size)
      .header("content-disposition", `attachment; filename="${params.name}"`)
      .send(createReadStream(path));
  });
}

/**
 * The panel's Backups page (owners only): the backups in BACKUP_DIR, "back up now", downloads.
 * Restoring is deliberately not here: it replaces the whole database and needs the app stopped
 * (`botyard restore <file>`), so the page explains how instead.
 */
export const backupsFeature = defineModule({ name: "backups", api: backupsApi });
