import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyForAccess } from "../../../../src/modules/access/commands/apply-for-access.ts";
import { issueLoginLink } from "../../../../src/platform/auth/login-links.ts";
import { startSession } from "../../../../src/platform/auth/sessions.ts";
import { accessBot, buttonsOf, dataOf, pglite, said } from "./access-bot.ts";

const OLGA = 870_001;
const SASHA = 870_002;
const MAX = 870_003;
const ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

for (const kind of pglite) {
  describe(`the admin's People in the bot, handled without the app, on ${kind.name}`, { skip: kind.skip }, () => {
    const bot = accessBot(kind, [
      { id: OLGA, first_name: "Olga", roles: ["owner"] },
      { id: SASHA, first_name: "Sasha", roles: ["admin"] },
      { id: MAX, first_name: "Max" },
    ]);
    const olga = bot.user(OLGA);
    const db = () => bot.db();

    test("blocking a person from /people ends their sessions and revokes their unused links and roles at once; /login then refuses them", async () => {
      await startSession(db(), { botId: bot.harness.botId, telegramId: SASHA, kind: "cookie", via: "link", userAgent: ANDROID_CHROME, ip: "203.0.113.7" });
      await startSession(db(), { botId: bot.harness.botId, telegramId: SASHA, kind: "bearer", via: "mini_app", userAgent: null, ip: null });
      await issueLoginLink(db(), bot.harness.botId, SASHA);

      const [people] = await olga.send("/people");
      assert.match(String(people?.payload.text), /People \(/);
      const [, view] = await olga.press(dataOf(people, /^Sasha/), 50);
      assert.equal(view?.method, "editMessageText");
      assert.match(String(view?.payload.text), /Status: staff/);
      const [, confirm] = await olga.press(dataOf(view, /Block/), 50);
      assert.match(String(confirm?.payload.text), /Block this person\?/);
      assert.deepEqual(buttonsOf(confirm).map(([, data]) => data), [`access:block-yes:${SASHA}`, `access:person:${SASHA}`]);
      const [answer, blocked] = await olga.press(`access:block-yes:${SASHA}`, 50);
      assert.equal(answer?.payload.text, "Blocked. Sessions ended: 2.");
      assert.match(String(blocked?.payload.text), /Status: blocked/);

      const live = await db().selectFrom("web_session").select("id").where("telegram_id", "=", SASHA).where("ended_at", "is", null).execute();
      assert.equal(live.length, 0);
      const unused = await db().selectFrom("login_token").select("id").where("telegram_id", "=", SASHA).where("used_at", "is", null).where("revoked_at", "is", null).execute();
      assert.equal(unused.length, 0);
      assert.deepEqual(await db().selectFrom("role").select("role").where("telegram_id", "=", SASHA).execute(), []);
      const [refused] = await bot.user(SASHA).send("/login");
      assert.match(String(refused?.payload.text), /You need staff access/);
    });

    test("granting a role from a person's view tells them, and the view shows it; forged buttons are refused and grant nothing", async () => {
      assert.ok((await bot.harness.runtime.run({ botId: bot.harness.botId, personId: MAX, source: "bot" }, applyForAccess, { name: "Max", phone: "+79001234567", comment: null })).ok, "an applicant, so People lists him");
      const [, view] = await olga.press(`access:person:${MAX}`, 51);
      const grant = dataOf(view, /admin/);
      assert.equal(grant, `access:grant:${MAX}:admin`);
      for (const data of [`access:grant:${MAX}`, `access:grant:${MAX}:ad min`, `access:grant:0:admin`, `access:person:${MAX}:1`, "access:block-yes:x"]) {
        assert.deepEqual(said(await olga.press(data)), [["answerCallbackQuery", "This button has expired."]], data);
      }
      assert.deepEqual(await db().selectFrom("role").select("role").where("telegram_id", "=", MAX).execute(), []);
      const [answer, updated] = await olga.press(grant, 51);
      assert.equal(answer?.payload.text, "Role given.");
      assert.match(String(updated?.payload.text), /admin/);
      assert.deepEqual((await db().selectFrom("role").select("role").where("telegram_id", "=", MAX).execute()).map((row) => row.role), ["admin"]);
      assert.ok((await bot.harness.outbox()).some((row) => row.chat_id === MAX), "the person is told");
    });

    test("someone without people.manage is not allowed near People", async () => {
      const [refused] = await bot.user(SASHA).press(`access:grant:${SASHA}:admin`);
      assert.equal(refused?.payload.text, "You do not have permission for this.");
    });
  });
}
