import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkAudienceChoice } from "../../../../src/platform/broadcasts/domain/audience-choice.ts";

const offered = {
  all: {},
  role: { params: [{ name: "role", label: "x", kind: "role" as const }] },
  inactive: { params: [{ name: "days", label: "x", kind: "number" as const }] },
  service: { params: [{ name: "service", label: "x", kind: "text" as const }] },
  ofService: { params: [{ name: "service", label: "x", kind: "choice" as const }] },
};
const roles = ["owner", "admin", "master"];

describe("an audience choice", () => {
  test("a segment without parameters keeps none of what was given", () => {
    assert.deepEqual(checkAudienceChoice(offered, "all", { extra: 1 }, roles), { ok: true, params: {} });
  });

  test("a segment the bot does not offer is refused by name", () => {
    assert.deepEqual(checkAudienceChoice(offered, "vip", {}, roles), { ok: false, problem: { code: "segment-unknown", args: { segment: "vip" } } });
    assert.equal(checkAudienceChoice(offered, "toString", {}, roles).ok, false);
  });

  test("a role must be one the bot knows", () => {
    assert.deepEqual(checkAudienceChoice(offered, "role", { role: "master" }, roles), { ok: true, params: { role: "master" } });
    assert.deepEqual(checkAudienceChoice(offered, "role", { role: "pirate" }, roles), {
      ok: false,
      problem: { code: "segment-role-invalid", args: { name: "role" } },
    });
    assert.equal(checkAudienceChoice(offered, "role", {}, roles).ok, false);
  });

  test("a number may come as text from a query string", () => {
    assert.deepEqual(checkAudienceChoice(offered, "inactive", { days: "30" }, roles), { ok: true, params: { days: 30 } });
    assert.equal(checkAudienceChoice(offered, "inactive", { days: "many" }, roles).ok, false);
  });

  test("a text parameter must not be blank", () => {
    assert.deepEqual(checkAudienceChoice(offered, "service", { service: " Haircut " }, roles), { ok: true, params: { service: "Haircut" } });
    assert.equal(checkAudienceChoice(offered, "service", { service: "  " }, roles).ok, false);
  });

  test("a choice must be one of the values its options offer", () => {
    const choices = { service: ["3", "7"] };
    assert.deepEqual(checkAudienceChoice(offered, "ofService", { service: "7" }, roles, choices), { ok: true, params: { service: "7" } });
    assert.deepEqual(checkAudienceChoice(offered, "ofService", { service: "8" }, roles, choices), {
      ok: false,
      problem: { code: "segment-choice-invalid", args: { name: "service" } },
    });
    assert.equal(checkAudienceChoice(offered, "ofService", { service: "7" }, roles).ok, false, "no options, no valid choice");
  });
});
