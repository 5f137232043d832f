import type { CommandScope } from "../../../platform/commands/command.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import { loginButton } from "../callbacks.ts";
import { formatMoment } from "../domain/moment.ts";
import { REAPPLY_COOL_DOWN_MS } from "../domain/request.ts";
import type { AccessRequest, AccessTables } from "../tables.ts";

/** The keyboard under an approval or an invitation: one button asking the bot for the person's own login link. */
export function loginKeyboard(t: (key: string) => string) {
  return [[{ text: t("access-login-button"), callback_data: loginButton.data({}) }]];
}

/**
 * Tells the applicant, in their language, what became of their request: approved (with the role
 * and a button for their login link) or rejected (with the reason and when they may apply again).
 */
export async function tellApplicant(scope: CommandScope<AccessTables>, request: AccessRequest): Promise<void> {
  const decidedAt = new Date(request.decided_at ?? scope.now);
  await scope.tell(request.telegram_id, {
    dedupeKey: `access:request:${request.id}:notice:${request.status}`,
    render: (locale, t) =>
      request.status === "approved"
        ? { text: t("access-notice-approved", { role: t("access-role", { role: request.role ?? "" }) }), buttons: loginKeyboard(t) }
        : {
            text: t("access-notice-rejected", {
              reason: escapeHtml(request.reason ?? ""),
              when: formatMoment(new Date(decidedAt.getTime() + REAPPLY_COOL_DOWN_MS), locale, scope.settings.timeZone),
            }),
          },
  });
}
