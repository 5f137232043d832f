import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readFile, saveFile } from "../../../src/platform/files/file-store.ts";
import { pruneExpiredFiles } from "../../../src/platform/files/prune-files.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const BOT = "main";
const NOW = new Date("2026-12-02T10:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * 24 * 60 * 60 * 1000);

for (const kind of databaseKinds) {
  describe(`the retention prune, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);

    test("deletes files past their retention and their bytes, keeping bytes a kept file shares and files kept for good", async () => {
      await suite.database.db.insertInto("bot").values({ id: BOT, telegram_id: 6_200_001, username: "prune_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["en"], modules: null }) }).execute();
      const save = (text: string, expiresAt: Date | null) =>
        suite.database.transaction((trx) => saveFile(trx, { botId: BOT, module: "exports" }, { name: `${text}.txt`, mimeType: "text/plain", bytes: Buffer.from(text), expiresAt }, NOW));
      const expired = await save("expired", days(-1));
      const sharedExpired = await save("shared", days(-2));
      const sharedKept = await save("shared", null);
      const later = await save("later", days(7));

      assert.equal(await pruneExpiredFiles(suite.database, NOW), 2);
      const left = await suite.database.db.selectFrom("stored_file").select("id").orderBy("id").execute();
      assert.deepEqual(left.map((row) => row.id), [sharedKept.id, later.id]);
      assert.equal(await readFile(suite.database.db, BOT, expired.id), undefined);
      assert.equal(Buffer.from((await readFile(suite.database.db, BOT, sharedKept.id)) ?? []).toString(), "shared");
      const contents = await suite.database.db.selectFrom("stored_file_content").select("sha256").where("bot_id", "=", BOT).execute();
      assert.equal(contents.length, 2, "the expired file's bytes are gone; the shared and the later ones stay");
      assert.ok(sharedExpired.sha256 === sharedKept.sha256);

      assert.equal(await pruneExpiredFiles(suite.database, days(8)), 1, "a week later the other one goes too");
    });
  });
}
