import { Composer } from "grammy";
import type { Transaction } from "kysely";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import { refundDoneButton } from "../callbacks.ts";
import { formatMoney } from "../../../platform/domain/money.ts";
import { recordPayment } from "../commands/record-payment.ts";
import { recordRefund } from "../commands/record-refund.ts";
import { checkPreCheckout } from "../queries/pre-checkout.ts";
import type { Tables } from "../tables.ts";

type Trx = Transaction<Tables>;

/**
 * Prepayments: the pre-checkout query is answered at once (yes only for a pending booking whose
 * hold is live, for its exact amount), and a successful payment confirms, re-books or flags the
 * booking for a refund (see `recordPayment`, which tells whom it concerns). The staff notice of a payment to refund has a
 * "Refunded ✓" button (permission `booking.manage`) that records the refund made in the provider.
 */
export function paymentsComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();

  composer.on("pre_checkout_query", async (ctx) => {
    const query = ctx.preCheckoutQuery;
    const answer = await context.database.transaction((trx) =>
      checkPreCheckout(trx as unknown as Trx, {
        botId: ctx.botId,
        payload: query.invoice_payload,
        currency: query.currency,
        totalAmount: query.total_amount,
        now: context.clock.now(),
      }),
    );
    if (answer.ok) await ctx.answerPreCheckoutQuery(true);
    else await ctx.answerPreCheckoutQuery(false, { error_message: ctx.t(answer.reason) });
  });

  composer.on("message:successful_payment", async (ctx) => {
    const payment = ctx.message.successful_payment;
    const outcome = await ctx.run(recordPayment, {
      payload: payment.invoice_payload,
      currency: payment.currency,
      totalAmount: payment.total_amount,
      telegramChargeId: payment.telegram_payment_charge_id,
      providerChargeId: payment.provider_payment_charge_id,
    });
    if (!outcome.ok) {
      await ctx.reply(ctx.t("booking-paid-unknown"));
      return;
    }
    const key = { confirmed: "booking-paid", rebooked: "booking-paid-rebooked", "refund-needed": "booking-paid-refund" }[outcome.outcome];
    await ctx.reply(ctx.t(key));
  });

  onCallback(composer, refundDoneButton, async (ctx, { paymentId }) => {
    const outcome = await ctx.run(recordRefund, { paymentId });
    if (!outcome.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t(`booking-${outcome.reason}`), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t("booking-refund-recorded", { amount: formatMoney(outcome.amountMinor, outcome.currency, ctx.locale), booking: outcome.bookingId }));
  }, requirePermission("booking.manage"));
  return composer;
}
