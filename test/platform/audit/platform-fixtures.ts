/** Audit fixtures of the platform's own use cases: broadcasts, texts, settings, backups, files. */
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import type { AudienceSegment } from "../../../src/platform/module.ts";
import { cancelBroadcast, createBroadcast, deliverBroadcast, finishBroadcast, previewBroadcast } from "../../../src/platform/broadcasts/service.ts";
import { runBackup } from "../../../src/platform/db/backups-feature.ts";
import { recordReceivedFile } from "../../../src/platform/files/record-received-file.ts";
import { uploadFile } from "../../../src/platform/files/upload-file.ts";
import { updateSettings } from "../../../src/platform/settings/bot-settings.ts";
import { overrideText, resetText } from "../../../src/platform/settings/texts.ts";
import { allModules } from "../../../src/modules/index.ts";
import { platformFeatures } from "../../../src/platform/features.ts";
import { BOT, OWNER, fixture, type Fixture, type World } from "../../support/audit-world.ts";
import { fixtures as workGroupFixtures } from "./work-group-fixtures.ts";

const everything = [...platformFeatures, ...allModules];

const everyoneSegment: AudienceSegment = { label: "segment-all", audience: (db, botId) => db.selectFrom("bot_member").select("telegram_id").where("bot_id", "=", botId).execute().then((rows) => rows.map((row) => row.telegram_id)) };
const draft = { text: "<b>Opening hours</b> change on Monday", photo: null, buttons: [] };

async function scheduledBroadcast(world: World): Promise<number> {
  const created = await world.inTransaction((trx) =>
    createBroadcast(trx, world.owner, { draft, segment: "all", params: {}, now: new Date(), segments: { all: everyoneSegment }, roleNames: world.app.permissions.roleNames() }),
  );
  if (!created.ok) throw new Error("the broadcast was refused");
  return created.value.id;
}

/** A photo a person sent, recorded and waiting for its download. */
async function receivingPhoto(world: World): Promise<{ fileId: number }> {
  const sender = await world.person();
  const { id } = await world.database.db
    .insertInto("stored_file")
    .values({ bot_id: BOT, module: "feedback", person_id: sender.personId, origin: "received", status: "receiving", name: "photo.jpg", mime_type: "image/jpeg", telegram_file_ids: JSON.stringify({ photo: "AgADphoto" }) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { fileId: id };
}

export const fixtures: Record<string, Fixture> = {
  ...workGroupFixtures,
  // Broadcasts.
  "broadcast.create": fixture({
    run: async (world) => ({ actor: world.owner, objectType: "broadcast", objectId: await scheduledBroadcast(world) }),
  }),
  "broadcast.cancel": fixture({
    setup: scheduledBroadcast,
    run: async (world, broadcastId) => {
      await world.inTransaction((trx) => cancelBroadcast(trx, world.owner, { broadcastId, now: new Date() }));
      return { actor: world.owner, objectType: "broadcast", objectId: broadcastId };
    },
  }),
  "broadcast.preview": fixture({
    run: async (world) => {
      await world.inTransaction((trx) => previewBroadcast(trx, world.owner, { draft, now: new Date(), translator: world.app.translator, languages: ["en"] }));
      return { actor: world.owner, objectType: "person", objectId: OWNER };
    },
  }),
  "broadcast.deliver": fixture({
    setup: scheduledBroadcast,
    run: async (world, broadcastId) => {
      const system: Actor = { botId: BOT, personId: null, source: "system" };
      await world.inTransaction((trx) => deliverBroadcast(trx, system, { broadcastId, segments: { all: everyoneSegment }, now: new Date(), firstCheckAt: new Date() }));
      return { actor: system, objectType: "broadcast", objectId: broadcastId };
    },
  }),
  "broadcast.finish": fixture({
    setup: async (world) => {
      const broadcastId = await scheduledBroadcast(world);
      const system: Actor = { botId: BOT, personId: null, source: "system" };
      await world.inTransaction((trx) => deliverBroadcast(trx, system, { broadcastId, segments: { all: everyoneSegment }, now: new Date(), firstCheckAt: new Date() }));
      await world.database.db.updateTable("outbox").set({ status: "sent" }).where("broadcast_id", "=", broadcastId).execute();
      return broadcastId;
    },
    run: async (world, broadcastId) => {
      const system: Actor = { botId: BOT, personId: null, source: "system" };
      await world.inTransaction((trx) => finishBroadcast(trx, system, { broadcastId, now: new Date() }));
      return { actor: system, objectType: "broadcast", objectId: broadcastId };
    },
  }),

  // Texts, settings, backups.
  "texts.override": fixture({
    run: async (world) => {
      await world.inTransaction((trx) => overrideText(trx, world.owner, { locale: "en", key: "cancel-done", text: "Stopped. /start opens the menu.", defaultText: "Cancelled. /start opens the menu." }));
      return { actor: world.owner, objectType: "text", objectId: "en:cancel-done" };
    },
  }),
  "texts.reset": fixture({
    setup: (world) =>
      world.inTransaction((trx) => overrideText(trx, world.owner, { locale: "en", key: "cancel-nothing", text: "Nothing to stop.", defaultText: "There is nothing to cancel. /start opens the menu." })),
    run: async (world) => {
      await world.inTransaction((trx) => resetText(trx, world.owner, { locale: "en", key: "cancel-nothing" }));
      return { actor: world.owner, objectType: "text", objectId: "en:cancel-nothing" };
    },
  }),
  "settings.update": fixture({
    run: async (world) => {
      await world.inTransaction((trx) =>
        updateSettings(trx, world.owner, { timeZone: "Europe/Berlin", languages: ["en", "ru"], modules: null, staffMayApply: true, installed: everything.map((module) => module.name) }),
      );
      return { actor: world.owner, objectType: "bot", objectId: BOT };
    },
  }),
  "backups.run": fixture({
    run: async (world) => {
      const jobs = { send: () => Promise.resolve("6f1c1c55-8f0e-4a39-9d5e-3c0f6a0e2b11") };
      await world.inTransaction((trx) => runBackup(trx, world.owner, { jobs: jobs }));
      return { actor: world.owner, objectType: "backup_run", objectId: "6f1c1c55-8f0e-4a39-9d5e-3c0f6a0e2b11" };
    },
  }),
  "files.receive": fixture({
    setup: receivingPhoto,
    run: async (world, { fileId }) => {
      const job = { botId: BOT, personId: null, source: "job" as const };
      await world.runtime.run(job, recordReceivedFile, { fileId, bytes: new Uint8Array([0xff, 0xd8, 0xff]) });
      return { actor: job, objectType: "file", objectId: fileId };
    },
  }),
  "files.upload": fixture({
    run: async (world) => {
      const owner = { ...world.owner, source: "web" as const };
      const file = await world.runtime.run(owner, uploadFile, { name: "price-list.pdf", mimeType: "application/pdf", bytes: Buffer.from("%PDF-1.7"), expiresAt: null });
      return { actor: owner, objectType: "file", objectId: file.id };
    },
  }),
};
