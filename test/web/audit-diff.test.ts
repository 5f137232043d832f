import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { auditDiff, SHOWN_LENGTH } from "../../web/src/panel/audit-diff.ts";

describe("an audit row's readable diff", () => {
  test("only the fields that changed, each with its old and new value", () => {
    assert.deepEqual(auditDiff({ name: "Anna", phone: "+4915112345678", visits: 3 }, { name: "Anna Berg", phone: "+4915112345678", visits: 4 }), [
      { field: "name", before: { text: "Anna" }, after: { text: "Anna Berg" } },
      { field: "visits", before: { text: "3" }, after: { text: "4" } },
    ]);
  });

  test("nested objects read as dotted paths", () => {
    assert.deepEqual(auditDiff({ rules: { horizonDays: 30, holdMin: 10 } }, { rules: { horizonDays: 60, holdMin: 10 } }), [
      { field: "rules.horizonDays", before: { text: "30" }, after: { text: "60" } },
    ]);
  });

  test("an array is one value, changed when any item is", () => {
    assert.deepEqual(auditDiff({ reminders: [1440, 120] }, { reminders: [1440, 120] }), []);
    assert.deepEqual(auditDiff({ reminders: [1440, 120] }, { reminders: [1440] }), [{ field: "reminders", before: { text: "1440, 120" }, after: { text: "1440" } }]);
    assert.deepEqual(auditDiff({ offers: [{ serviceId: 1 }] }, { offers: [] }), [{ field: "offers", before: { text: '[{"serviceId":1}]' }, after: { text: "[]" } }]);
  });

  test("an added field has no old value and a removed one no new value; null counts as none", () => {
    assert.deepEqual(auditDiff({ name: "Anna", note: "VIP" }, { name: "Anna", phone: "+49151" }), [
      { field: "note", before: { text: "VIP" } },
      { field: "phone", after: { text: "+49151" } },
    ]);
    assert.deepEqual(auditDiff({ note: null }, {}), []);
    assert.deepEqual(auditDiff({ active: false }, { active: true }), [{ field: "active", before: { text: "false" }, after: { text: "true" } }]);
  });

  test("something created lists every field as added, something deleted as removed", () => {
    assert.deepEqual(auditDiff(null, { role: "master" }), [{ field: "role", after: { text: "master" } }]);
    assert.deepEqual(auditDiff({ role: "master" }, null), [{ field: "role", before: { text: "master" } }]);
    assert.deepEqual(auditDiff(null, null), []);
  });

  test("a value that is not an object is one unnamed field", () => {
    assert.deepEqual(auditDiff("draft", "sent"), [{ field: "", before: { text: "draft" }, after: { text: "sent" } }]);
  });

  test("a long value is cut short, the whole of it kept", () => {
    const long = "x".repeat(SHOWN_LENGTH + 1);
    const [change] = auditDiff({}, { note: long });
    assert.equal(change?.after?.text, `${"x".repeat(SHOWN_LENGTH - 1)}…`);
    assert.equal(change?.after?.full, long);
    assert.deepEqual(auditDiff({}, { note: "x".repeat(SHOWN_LENGTH) })[0]?.after, { text: "x".repeat(SHOWN_LENGTH) });
  });
});
