import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Message, Update } from "@grammyjs/types";
import type { PayResponse } from "../../src/sandbox/control.ts";
import { api, control, ok, startEmulator, until } from "./helpers.ts";

const invoice = {
  title: "Haircut",
  description: "Tuesday 10:00",
  payload: "booking:42",
  currency: "XTR",
  prices: [{ label: "Haircut", amount: 250 }],
};

async function nextUpdate(url: string, offset: number): Promise<Update> {
  const updates = await ok<Update[]>(url, "getUpdates", { offset, timeout: 10 });
  const first = updates[0];
  if (first === undefined) throw new Error("no update");
  return first;
}

describe("payments", () => {
  test("pay sends a pre_checkout_query and, once answered ok, a successful_payment message", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    const sent = await ok<Message.InvoiceMessage>(url, "sendInvoice", { chat_id: user.id, ...invoice });
    assert.deepEqual(sent.invoice, { title: "Haircut", description: "Tuesday 10:00", start_parameter: "", currency: "XTR", total_amount: 250 });
    const paying = control<PayResponse>(url, "POST", "pay", { from: user.id, message_id: sent.message_id });
    const pre = await nextUpdate(url, 0);
    assert.equal(pre.pre_checkout_query?.invoice_payload, "booking:42");
    assert.equal(pre.pre_checkout_query?.total_amount, 250);
    assert.equal(pre.pre_checkout_query?.from.id, user.id);
    await ok(url, "answerPreCheckoutQuery", { pre_checkout_query_id: pre.pre_checkout_query?.id, ok: true });
    const paid = await paying;
    assert.equal(paid.status, 200);
    assert.equal(paid.body.ok, true);
    const done = await nextUpdate(url, pre.update_id + 1);
    assert.equal(done.update_id, paid.body.update_id);
    assert.equal(done.message?.successful_payment?.invoice_payload, "booking:42");
    assert.equal(done.message?.successful_payment?.currency, "XTR");
  });

  test("a declined pre-checkout is reported with the bot's error message", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    const sent = await ok<Message.InvoiceMessage>(url, "sendInvoice", { chat_id: user.id, ...invoice });
    const paying = emu.control.pay({ from: user.id, message_id: sent.message_id });
    await until(() => emu.control.updates().some((u) => u.pre_checkout_query !== undefined), "the pre_checkout_query");
    const id = emu.control.updates().find((u) => u.pre_checkout_query)?.pre_checkout_query?.id;
    const missingReason = await api(url, "answerPreCheckoutQuery", { pre_checkout_query_id: id, ok: false });
    assert.equal(missingReason.error_code, 400);
    await ok(url, "answerPreCheckoutQuery", { pre_checkout_query_id: id, ok: false, error_message: "Slot taken" });
    const result = await paying;
    assert.deepEqual([result.ok, result.error_message], [false, "Slot taken"]);
    const event = (await emu.control.transcript({ chat_id: user.id })).find((e) => e.event?.type === "pre_checkout_declined");
    assert.equal(event?.event?.error_message, "Slot taken");
    assert.equal(emu.control.updates().filter((u) => u.message?.successful_payment).length, 0);
  });

  test("an unanswered pre-checkout fails the payment after the timeout", async () => {
    const { url, emu } = await startEmulator({ preCheckoutTimeoutMs: 50 });
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    const sent = await ok<Message.InvoiceMessage>(url, "sendInvoice", { chat_id: user.id, ...invoice });
    const res = await control<{ error: string }>(url, "POST", "pay", { from: user.id, message_id: sent.message_id });
    assert.equal(res.status, 408);
    assert.match(res.body.error, /did not answer/);
    const id = emu.control.updates().find((u) => u.pre_checkout_query)?.pre_checkout_query?.id;
    const late = await api(url, "answerPreCheckoutQuery", { pre_checkout_query_id: id, ok: true });
    assert.equal(late.error_code, 400);
  });
});
