import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { feedUrl, issueFeedToken, resolveFeedToken } from "../../../src/modules/booking/feed-tokens.ts";
import { issueLoginLink } from "../../../src/platform/auth/login-links.ts";
import { revokeAccess } from "../../../src/platform/auth/revoke-access.ts";
import { hashSecret } from "../../../src/platform/auth/secrets.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const SALON = "salon";
const ANNA = 601;
const BORIS = 602;

for (const kind of databaseKinds) {
  describe(`a master's iCal feed token on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);

    before(async () => {
      const db = suite.database.db;
      await db
        .insertInto("bot")
        .values({ id: SALON, telegram_id: 1, username: "salon_bot", settings: JSON.stringify({ timeZone: "Europe/Berlin", languages: ["en"], modules: null }) })
        .execute();
      await db
        .insertInto("role")
        .values([ANNA, BORIS].map((master) => ({ bot_id: SALON, telegram_id: master, role: "master", granted_by: null })))
        .execute();
    });
    const issue = (telegramId: number) => suite.database.transaction((trx) => issueFeedToken(trx, SALON, telegramId));
    const resolve = (secret: string) => resolveFeedToken(suite.database.db, secret);

    test("is issued, stored only as a hash, and opens its master's feed", async () => {
      const secret = await issue(ANNA);
      assert.equal(secret.length, 43); // 256 bits in base64url
      const stored = await suite.database.db.selectFrom("login_token").selectAll().where("telegram_id", "=", ANNA).where("kind", "=", "feed").execute();
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.token_hash, hashSecret(secret));
      assert.equal(stored[0]?.expires_at, null);
      assert.deepEqual(await resolve(secret), { botId: SALON, telegramId: ANNA });
    });

    test("opens nothing when unknown, or when it is a login link's secret", async () => {
      assert.equal(await resolve("x".repeat(43)), undefined);
      const linkSecret = await issueLoginLink(suite.database.db, SALON, ANNA);
      assert.equal(await resolve(linkSecret), undefined);
    });

    test("dies when the master is issued a new one, which works instead", async () => {
      const old = await issue(ANNA);
      const replacement = await issue(ANNA);
      assert.equal(await resolve(old), undefined);
      assert.deepEqual(await resolve(replacement), { botId: SALON, telegramId: ANNA });
    });

    test("two issues at once leave exactly one live token", async () => {
      const secrets = await Promise.all([issue(ANNA), issue(ANNA), issue(ANNA)]);
      const live = await Promise.all(secrets.map(resolve));
      assert.equal(live.filter((owner) => owner !== undefined).length, 1);
    });

    test("a new token for one master leaves another master's feed open", async () => {
      const boris = await issue(BORIS);
      await issue(ANNA);
      assert.deepEqual(await resolve(boris), { botId: SALON, telegramId: BORIS });
    });

    test("dies when the master is blocked (revokeAccess), and only theirs", async () => {
      const anna = await issue(ANNA);
      const boris = await issue(BORIS);
      await suite.database.transaction((trx) => revokeAccess(trx, SALON, ANNA, "blocked"));
      assert.equal(await resolve(anna), undefined);
      assert.deepEqual(await resolve(boris), { botId: SALON, telegramId: BORIS });
    });
  });
}

describe("a feed URL", () => {
  test("is the public address, the booking feed path, the secret and .ics", () => {
    assert.equal(feedUrl("https://salon.example/", "s3cr3t"), "https://salon.example/api/booking/feed/s3cr3t.ics");
    assert.equal(feedUrl("https://salon.example", "s3cr3t"), "https://salon.example/api/booking/feed/s3cr3t.ics");
  });
});
