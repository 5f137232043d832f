import type { ModuleHooks } from "../../platform/commands/command-runtime.ts";
import type { CommandScope } from "../../platform/commands/command.ts";
import { masterLinkButton, newMasterButton } from "./callbacks.ts";
import { createMaster } from "./commands/create-master.ts";
import { newMasterFor } from "./queries/new-master.ts";
import type { BookingTables } from "./tables.ts";

type Scope = CommandScope<BookingTables>;

/**
 * Someone given the `master` role gets a master's schedule to go with it. Already linked to a
 * master record: they are told what they can do. Otherwise, when the salon has masters nobody is
 * linked to, whoever granted the role is asked which one this is (or to make a new one); when it
 * has none, a record in their name is made at the first open location. Either way the new master
 * hears what the role gives them once their schedule is theirs.
 */
export function bookingHooks(): ModuleHooks<BookingTables> {
  return {
    async roleGranted(scope, { telegramId, role }) {
      if (role !== "master") return;
      const { trx, actor } = scope;
      const linked = await trx.selectFrom("booking_master").select("display_name").where("bot_id", "=", actor.botId).where("telegram_id", "=", telegramId).executeTakeFirst();
      if (linked !== undefined) return tellMaster(scope, telegramId, "booking-master-role-linked", linked.display_name);
      const fresh = await newMasterFor(trx, actor.botId, telegramId);
      const name = fresh?.name ?? String(telegramId);
      const unlinked = await trx
        .selectFrom("booking_master")
        .select(["id", "display_name"])
        .where("bot_id", "=", actor.botId)
        .where("telegram_id", "is", null)
        .where("active", "=", true)
        .orderBy("id")
        .execute();
      if (unlinked.length > 0 && actor.personId !== null && actor.personId !== telegramId) {
        await scope.tell(actor.personId, {
          dedupeKey: `booking:master-role:${telegramId}:${scope.now.getTime()}`,
          render: (_locale, t) => ({
            text: t("booking-master-role-which", { name }),
            buttons: [
              ...unlinked.map((master) => [{ text: t("booking-master-role-link", { master: master.display_name }), callback_data: masterLinkButton.data({ telegramId, masterId: master.id }) }]),
              [{ text: t("booking-master-role-new", { name }), callback_data: newMasterButton.data({ telegramId }) }],
            ],
          }),
        });
        return tellMaster(scope, telegramId, "booking-master-role-pending", name);
      }
      if (fresh === undefined) return tellMaster(scope, telegramId, "booking-master-role-pending", name);
      const created = await scope.run(createMaster, fresh);
      if (created.ok) return tellMaster(scope, telegramId, "booking-master-role-created", created.master.name);
    },
  };
}

async function tellMaster(scope: Scope, telegramId: number, key: string, master: string): Promise<void> {
  await scope.tell(telegramId, { dedupeKey: `booking:master-role:${telegramId}:${key}:${scope.now.getTime()}`, render: (_locale, t) => ({ text: t(key, { master }) }) });
}
