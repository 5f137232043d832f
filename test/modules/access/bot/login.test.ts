import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { hashSecret } from "../../../../src/platform/auth/secrets.ts";
import { startSession } from "../../../../src/platform/auth/sessions.ts";
import { accessBot, buttonsOf, dataOf, pglite, said } from "./access-bot.ts";

const SASHA = 860_001;
const MAX = 860_002;
const ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

for (const kind of pglite) {
  describe(`/login and /sessions in the bot, handled without the app, on ${kind.name}`, { skip: kind.skip }, () => {
    const bot = accessBot(kind, [
      { id: SASHA, first_name: "Sasha", roles: ["admin"] },
      { id: MAX, first_name: "Max" },
    ]);
    const sasha = bot.user(SASHA);
    const db = () => bot.db();

    test("/login tells a stranger they need staff access", async () => {
      const [answer] = await bot.user(MAX).send("/login");
      assert.match(String(answer?.payload.text), /You need staff access/);
    });

    test("/login sends staff a one-time link whose secret is stored only hashed: not in the journal, the outbox or the audit", async () => {
      const calls = await sasha.send("/login");
      assert.deepEqual(calls.map((call) => call.method), ["sendMessage"]);
      assert.match(String(calls[0]?.payload.text), /login link/);
      const url = dataOf(calls[0], "Open the panel");
      const token = /#token=([\w-]+)$/.exec(url)?.[1];
      assert.ok(token !== undefined && token.length >= 43, "256 random bits, base64url");
      assert.ok(url.startsWith("http://127.0.0.1:3000/login#token="));

      const stored = await db().selectFrom("login_token").selectAll().where("token_hash", "=", hashSecret(token)).executeTakeFirstOrThrow();
      assert.equal(stored.telegram_id, SASHA);
      assert.equal(stored.used_at, null);
      const { rows } = await sql<{ count: string }>`
        select count(*)::text as count from inbox where journal::text like ${`%${token}%`}
        union all select count(*)::text from outbox where payload::text like ${`%${token}%`}
        union all select count(*)::text from audit_log where coalesce(after::text, '') || coalesce(before::text, '') like ${`%${token}%`}
      `.execute(db());
      assert.deepEqual(rows.map((row) => row.count), ["0", "0", "0"], "the secret is stored nowhere in plain text");
    });

    test("the login button of an approval or an invitation sends the link too", async () => {
      const calls = await sasha.press("access:login");
      assert.deepEqual(calls.map((call) => call.method), ["answerCallbackQuery", "sendMessage"]);
      assert.match(String(calls[1]?.payload.text), /login link/);
    });

    test("/sessions lists a person's web sessions; End ends one and edits the list, Log out everywhere ends the rest", async () => {
      const phone = await startSession(db(), { botId: bot.harness.botId, telegramId: SASHA, kind: "cookie", via: "link", userAgent: ANDROID_CHROME, ip: "203.0.113.7" });
      await startSession(db(), { botId: bot.harness.botId, telegramId: SASHA, kind: "cookie", via: "link", userAgent: null, ip: "198.51.100.2" });
      const [list] = await sasha.send("/sessions");
      assert.match(String(list?.payload.text), /Your web sessions/);
      assert.match(String(list?.payload.text), /Chrome · Android · 203\.0\.113\.7/);
      assert.match(String(list?.payload.text), /unknown device · 198\.51\.100\.2/);
      assert.ok(buttonsOf(list).some(([, data]) => data === `access:end:${phone.id}`));

      const [answer, shorter] = await sasha.press(`access:end:${phone.id}`, 90);
      assert.equal(answer?.payload.text, "The session was ended.");
      assert.equal(shorter?.method, "editMessageText");
      assert.match(String(shorter?.payload.text), /Your web sessions/);
      assert.doesNotMatch(String(shorter?.payload.text), /203\.0\.113\.7/);
      const ended = await db().selectFrom("web_session").select("ended_at").where("id", "=", phone.id).executeTakeFirstOrThrow();
      assert.notEqual(ended.ended_at, null);

      const all = await sasha.press(dataOf(shorter, /Log out everywhere/), 90);
      assert.match(String(all.at(-1)?.payload.text), /logged out everywhere/);
      const live = await db().selectFrom("web_session").select("id").where("telegram_id", "=", SASHA).where("ended_at", "is", null).execute();
      assert.equal(live.length, 0);
    });

    test("a malformed End is refused and ends nothing; someone else's session is not theirs to end", async () => {
      const other = await startSession(db(), { botId: bot.harness.botId, telegramId: MAX, kind: "cookie", via: "link", userAgent: null, ip: null });
      for (const data of [`access:end:${other.id}:1`, "access:end:abc", "access:end-all:1"]) assert.deepEqual(said(await sasha.press(data)), [["answerCallbackQuery", "This button has expired."]], data);
      const max = bot.user(MAX);
      const mine = await startSession(db(), { botId: bot.harness.botId, telegramId: SASHA, kind: "cookie", via: "link", userAgent: null, ip: null });
      const [refused] = await max.press(`access:end:${mine.id}`);
      assert.equal(refused?.payload.text, "You may end only your own sessions.");
      const live = await db().selectFrom("web_session").select("id").where("id", "in", [other.id, mine.id]).where("ended_at", "is", null).execute();
      assert.equal(live.length, 2);
    });
  });
}
