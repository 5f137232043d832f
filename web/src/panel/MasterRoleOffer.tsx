import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { useT } from "./i18n/useT.ts";
import { can, useMe } from "./me.ts";
import { useAction } from "./useAction.ts";

/**
 * Shown once a master's Telegram account is linked to someone without the master role: without
 * it they get no schedule in the bot. Whoever may manage people gives it here (the same grant as
 * on the People page); anyone else is told who can.
 */
export function MasterRoleOffer({ telegramId }: { telegramId: number }) {
  const t = useT();
  const me = useMe();
  const action = useAction(["people", "booking-salon"]);
  const given = action.message?.kind === "notice";
  return (
    <div className="master-role-offer">
      {given ? null : <p className="hint">{t("booking-salon-master-role-missing")}</p>}
      {given ? null : can(me, "people.manage") ? (
        <button
          type="button"
          className="primary"
          disabled={action.busy}
          onClick={() => action.run(() => api(`/api/people/${telegramId}/roles`, { body: { role: "master" } }), t("booking-salon-master-role-given"))}
        >
          {t("booking-salon-give-master-role")}
        </button>
      ) : (
        <p className="hint">{t("booking-salon-master-role-ask")}</p>
      )}
      <ActionMessage message={action.message} />
    </div>
  );
}
