import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { migrationsOf, type RunningApp } from "../../src/main.ts";
import { accessModule } from "../../src/modules/access/module.ts";
import { defineModule } from "../../src/platform/module.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator } from "../support/app.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { notesModule } from "../support/notes-module/module.ts";
import { signIn } from "../support/signed-in-client.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";

const HOUR = 60 * 60 * 1000;

for (const kind of databaseKinds) {
  describe(`a module on the kit (a command, a job, a scheduled event, a dashboard card, a role hook), on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    const clock = { at: new Date("2026-12-01T09:00:00Z"), now: () => clock.at };

    before(async () => {
      database = await kind.fresh(migrationsOf([accessModule, notesModule]));
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database), [accessModule, notesModule], { clock });
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    const jobsOf = async (queue: string) => {
      const rows = await sql<{ state: string }>`select state from pgboss.job where name = ${queue}`.execute(app.database.db);
      return rows.rows.map((row) => row.state);
    };

    test("a command's job runs after it commits and tells the author through a second command", async () => {
      const ann = new TelegramUser(emulator.control, { first_name: "Ann", language_code: "en" });
      ann.send("/note buy milk today");
      await ann.replyContaining("Saved note #1");
      await ann.replyContaining("Your note #1 has 3 words.");
      await eventually(async () => (await jobsOf("notes.count-words")).join() === "completed", "the job to complete");
    });

    test("the command's scheduled event runs when the clock reaches it", async () => {
      const ann = new TelegramUser(emulator.control, { first_name: "Ann", language_code: "en", id: 10_001 });
      ann.send("/note call the supplier");
      await ann.replyContaining("Saved note");
      clock.at = new Date(clock.at.getTime() + 2 * HOUR);
      await ann.replyContaining("Reminder: call the supplier");
    });

    test("a command that rolls back queues no job and schedules nothing", async () => {
      const before = await jobsOf("notes.count-words");
      const bob = new TelegramUser(emulator.control, { first_name: "Bob", language_code: "en" });
      bob.send("/notefail never kept");
      await bob.replyContaining("Sorry, something went wrong");
      assert.deepEqual(await jobsOf("notes.count-words"), before);
      const notes = await app.database.db.selectFrom("note" as never).select(sql<number>`count(*)`.as("count")).executeTakeFirstOrThrow();
      assert.equal(Number((notes).count), 2);
      const events = await app.database.db.selectFrom("scheduled_event").select("dedupe_key").where("kind", "=", "notes.remind").execute();
      assert.equal(events.length, 2);
    });

    test("the dashboard shows the enabled module's card to those who may see it, in their language", async () => {
      const owner = await signIn(app, OWNER_ID);
      const answer = await owner.get<{ cards: { module: string; title: string; figures: { label: string; value: number; text: string }[] }[] }>("/api/dashboard/cards", { language: "ru" });
      assert.equal(answer.status, 200);
      const card = answer.body.cards.find((candidate) => candidate.module === "notes");
      assert.deepEqual(card?.figures, [{ label: "Всего заметок", value: 2, text: "2" }]);
      assert.equal(card?.title, "Заметки");
      const saved = (await owner.get<{ settings: { timeZone: string; languages: string[]; staffMayApply: boolean } }>("/api/settings")).body.settings;
      const settings = { timeZone: saved.timeZone, languages: saved.languages, staffMayApply: saved.staffMayApply };
      const disabled = await owner.send("PUT", "/api/settings", { ...settings, modules: ["access"] });
      assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
      const without = await owner.get<{ cards: { module: string }[] }>("/api/dashboard/cards");
      assert.equal(
        without.body.cards.some((candidate) => candidate.module === "notes"),
        false,
        "a disabled module takes its cards along",
      );
      assert.equal((await owner.send("PUT", "/api/settings", { ...settings, modules: ["access", "notes"] })).status, 200);
    });

    test("granting the module's role runs its hook in the same transaction", async () => {
      const cara = new TelegramUser(emulator.control, { first_name: "Cara", language_code: "en" });
      cara.send("/start");
      await cara.reply();
      const owner = await signIn(app, OWNER_ID);
      const granted = await owner.send("POST", `/api/people/${cara.id}/roles`, { role: "note-keeper" });
      assert.equal(granted.status, 200, JSON.stringify(granted.body));
      await cara.replyContaining("You keep the notes now.");
    });
  });
}

describe("module declarations checked at start", () => {
  test("two modules declaring the same role stop the app with the role's name", async () => {
    const rival = defineModule({ name: "rival-notes", roles: ["note-keeper"] });
    const database = await databaseKinds[0]!.fresh();
    try {
      await assert.rejects(startAppInProcess(appEnv("http://127.0.0.1:9", database), [notesModule, rival]), /Role "note-keeper" is declared by both notes and rival-notes/);
    } finally {
      await database.drop();
    }
  });

  test("a module granting its permission to a role it does not declare stops the app", async () => {
    const borrower = defineModule({ name: "borrower", permissions: { "borrower.see": ["note-keeper"] } });
    const database = await databaseKinds[0]!.fresh();
    try {
      await assert.rejects(startAppInProcess(appEnv("http://127.0.0.1:9", database), [notesModule, borrower]), /borrower grants "borrower.see" to role "note-keeper", which it does not declare/);
    } finally {
      await database.drop();
    }
  });
});
