import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { deleteFile, fileInfo, readFile, saveFile, sha256Of, streamFile } from "../../../src/platform/files/file-store.ts";
import { FILE_LIMITS, FileTooLargeError } from "../../../src/platform/files/limits.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const NOW = new Date("2026-12-02T10:00:00Z");

for (const kind of databaseKinds) {
  describe(`the file store, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    let bots = 0;
    /** A bot of its own per test: files are a bot's. */
    const newBot = async () => {
      const id = `files-${++bots}`;
      await suite.database.db.insertInto("bot").values({ id, telegram_id: 7000 + bots, username: id, settings: JSON.stringify({ timeZone: "UTC", languages: ["en"], modules: null }) }).execute();
      return id;
    };
    const save = (botId: string, bytes: Uint8Array, name = "report.csv", module = "exports") =>
      suite.database.transaction((trx) => saveFile(trx, { botId, module, personId: 42 }, { name, mimeType: "text/csv", bytes }, NOW));
    const contents = async (botId: string) => (await suite.database.db.selectFrom("stored_file_content").select("sha256").where("bot_id", "=", botId).execute()).length;

    test("a saved file reads back byte for byte, with its hash, size, type, name and owner", async () => {
      const botId = await newBot();
      const bytes = new Uint8Array(randomBytes(3000));
      const saved = await save(botId, bytes);
      assert.deepEqual(Buffer.from((await readFile(suite.database.db, botId, saved.id)) ?? []), Buffer.from(bytes));
      const info = await fileInfo(suite.database.db, botId, saved.id);
      assert.deepEqual(
        { status: info?.status, size: info?.size, sha256: info?.sha256, mimeType: info?.mimeType, name: info?.name, module: info?.module, personId: info?.personId, origin: info?.origin },
        { status: "stored", size: 3000, sha256: sha256Of(bytes), mimeType: "text/csv", name: "report.csv", module: "exports", personId: 42, origin: "made" },
      );
    });

    test("a file streams in slices that put together are the file", async () => {
      const botId = await newBot();
      const bytes = new Uint8Array(randomBytes(2500));
      const saved = await save(botId, bytes);
      const slices: Uint8Array[] = [];
      for await (const slice of streamFile(suite.database.db, saved, 1000)) slices.push(slice);
      assert.deepEqual(slices.map((slice) => slice.byteLength), [1000, 1000, 500]);
      assert.deepEqual(Buffer.concat(slices), Buffer.from(bytes));
    });

    test("the same bytes saved twice by a bot are stored once, each file keeping its own name", async () => {
      const botId = await newBot();
      const bytes = new Uint8Array(randomBytes(100));
      const first = await save(botId, bytes, "a.csv");
      const second = await save(botId, bytes, "b.csv");
      assert.notEqual(first.id, second.id);
      assert.equal(await contents(botId), 1);
      assert.equal((await fileInfo(suite.database.db, botId, second.id))?.name, "b.csv");
    });

    test("deleting a file keeps bytes another file shares and drops them with the last one", async () => {
      const botId = await newBot();
      const bytes = new Uint8Array(randomBytes(100));
      const first = await save(botId, bytes);
      const second = await save(botId, bytes);
      assert.equal(await suite.database.transaction((trx) => deleteFile(trx, botId, first.id)), true);
      assert.equal(await contents(botId), 1);
      assert.ok((await readFile(suite.database.db, botId, second.id)) !== undefined);
      assert.equal(await suite.database.transaction((trx) => deleteFile(trx, botId, second.id)), true);
      assert.equal(await contents(botId), 0);
      assert.equal(await suite.database.transaction((trx) => deleteFile(trx, botId, second.id)), false);
    });

    test("another bot's file is not found by its id", async () => {
      const botId = await newBot();
      const other = await newBot();
      const saved = await save(botId, new Uint8Array([1, 2, 3]));
      assert.equal(await fileInfo(suite.database.db, other, saved.id), undefined);
      assert.equal(await readFile(suite.database.db, other, saved.id), undefined);
    });

    test("a file over the upload limit is refused with the reason and nothing is stored", async () => {
      const botId = await newBot();
      const bytes = new Uint8Array(FILE_LIMITS.storedBytes + 1);
      await assert.rejects(save(botId, bytes, "huge.bin"), (error: unknown) => error instanceof FileTooLargeError && /huge\.bin is 50.1 MB; the limit is 50 MB/.test(error.message));
      assert.equal(await contents(botId), 0);
    });
  });
}
