/**
 * The Playground's groups in a real browser: a forum supergroup with a topic the bot opened, a
 * person writing in that topic as one of the group's members, and the bot's answer appearing in
 * the topic and not in General.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { ForumTopic, Update } from "@grammyjs/types";
import { startPlaygroundStack, startScriptedBot, type BotCall, type PlaygroundStack, type ScriptedBot } from "./playground-support.ts";
import { browserSkipReason } from "./support.ts";

const TOKEN = "777001:playground-groups-test";

/** Answers every text written in a topic, in that topic. */
function startTopicBot(apiRoot: string): ScriptedBot {
  async function handle(update: Update, call: BotCall): Promise<void> {
    const message = update.message;
    if (message?.text === undefined || message.message_thread_id === undefined) return;
    await call("sendMessage", { chat_id: message.chat.id, message_thread_id: message.message_thread_id, text: `Got in the topic: ${message.text}` });
  }
  return startScriptedBot(apiRoot, TOKEN, handle);
}

const skip = browserSkipReason();

describe("Playground groups in a browser", { skip: skip ?? false }, () => {
  let stack: PlaygroundStack;
  before(async () => {
    stack = await startPlaygroundStack({ token: TOKEN, username: "desk_playground_bot", first_name: "Desk Bot" }, startTopicBot);
  });
  after(() => stack?.close());

  test("a person sees a forum's topics and writes in one as a staff member", async () => {
    const { emulator, browser, webUrl, bot } = stack;
    const sue = emulator.control.createUser({ first_name: "Sue", language_code: "en" });
    const desk = emulator.control.createChat({ type: "supergroup", title: "Support desk", is_forum: true, members: [sue.id], creator: sue.id });
    emulator.control.membership({ chat_id: desk.id, status: "administrator", rights: { can_manage_topics: true }, by: sue.id });
    const created = await fetch(`${emulator.url}/bot${TOKEN}/createForumTopic`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ chat_id: desk.id, name: "Case 7: printer" }) });
    const topic = ((await created.json()) as { result: ForumTopic }).result;

    const page = await browser.newPage({ viewport: { width: 1180, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${webUrl}/playground`);
    await page.getByRole("button", { name: /Support desk/ }).click();
    await page.locator(".pg-chat-header").getByText("Support desk").waitFor();
    await page.getByText("The bot is an administrator of the group").waitFor();

    await page.getByRole("navigation", { name: "Topics" }).getByRole("button", { name: "Case 7: printer" }).click();
    await page.getByLabel("Write as").selectOption(String(sue.id));
    await page.getByPlaceholder("Message in Case 7: printer").fill("Is it plugged in?");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.locator(".pg-bubble-bot", { hasText: "Got in the topic: Is it plugged in?" }).waitFor();
    assert.equal(await page.locator(".pg-sender", { hasText: "Sue" }).count(), 1);

    const inTopic = (await emulator.control.transcript({ chat_id: desk.id })).filter((entry) => entry.direction === "from_user");
    assert.deepEqual(inTopic.map((entry) => [entry.message?.text, entry.message?.message_thread_id]), [["Is it plugged in?", topic.message_thread_id]]);

    await page.getByRole("navigation", { name: "Topics" }).getByRole("button", { name: "General" }).click();
    await page.getByText("The bot is an administrator of the group").waitFor();
    assert.equal(await page.locator(".pg-bubble", { hasText: "plugged in" }).count(), 0, "General shows none of the topic's messages");
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(bot.errors, []);
    await page.close();
  });
});
