import assert from "node:assert/strict";
import { test } from "node:test";
import { defineModule } from "../../../src/platform/module.ts";
import { commandsFor } from "../../../src/platform/telegram/command-menus.ts";

const salon = defineModule({
  name: "salon",
  commands: [
    { command: "book", description: "Book a visit" },
    { command: "day", description: "My day", roles: ["master"] },
    { command: "staff", description: "Staff", roles: ["admin"] },
  ],
});
const asText = (key: string) => key;

test("a client's menu has the platform's commands and the public ones of modules", () => {
  assert.deepEqual(
    commandsFor(new Set(), [salon], asText).map((command) => command.command),
    ["start", "help", "language", "cancel", "book"],
  );
});

test("a master also sees the master's commands, and not the admin's", () => {
  const commands = commandsFor(new Set(["master"]), [salon], asText).map((command) => command.command);
  assert.ok(commands.includes("day"));
  assert.ok(!commands.includes("staff"));
});

test("an owner sees every command", () => {
  const commands = commandsFor(new Set(["owner"]), [salon], asText).map((command) => command.command);
  assert.ok(commands.includes("day") && commands.includes("staff"));
});

test("descriptions come from the catalogue in the menu's language", () => {
  const [start] = commandsFor(new Set(), [], (key) => `ru:${key}`);
  assert.equal(start?.description, "ru:command-start");
});
