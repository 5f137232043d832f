import assert from "node:assert/strict";
import { test } from "node:test";
import { checkComment, checkName, MAX_COMMENT_LENGTH } from "../../../../src/modules/access/domain/application.ts";
import { deviceOf } from "../../../../src/modules/access/domain/device.ts";

test("a name is trimmed and its inner spaces squeezed", () => {
  assert.deepEqual(checkName("  Anna   Petrova "), { ok: true, value: "Anna Petrova" });
});

test("a name too short, too long or looking like a command is refused", () => {
  for (const name of ["A", " ", "x".repeat(101), "/start"]) assert.deepEqual(checkName(name), { ok: false, error: "access-name-invalid" }, name);
});

test("a comment may be empty but not longer than the limit", () => {
  assert.deepEqual(checkComment("  "), { ok: true, value: "" });
  assert.deepEqual(checkComment("x".repeat(MAX_COMMENT_LENGTH + 1)), { ok: false, error: "access-comment-too-long" });
});

test("a session's device is named from its user agent", () => {
  assert.equal(deviceOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"), "Safari · iPhone");
  assert.equal(deviceOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"), "Edge · Windows");
  assert.equal(deviceOf("Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"), "Firefox · Linux");
  assert.equal(deviceOf(null), undefined);
  assert.equal(deviceOf("curl/8.5.0"), "curl/8.5.0");
});
