import type { InlineKeyboardButton } from "@grammyjs/types";
import type { CommandScope } from "../../../platform/commands/command.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import type { TranslationArgs } from "../../../platform/i18n/translator.ts";
import { approveButton, postponeButton, rejectButton } from "../callbacks.ts";
import { formatMoment } from "../domain/moment.ts";
import { isOpen } from "../domain/request.ts";
import { grantableRoles } from "../domain/roles.ts";
import { holdersOf, nameOf } from "../queries/people.ts";
import type { Reads } from "../queries/reads.ts";
import type { AccessRequest, AccessTables } from "../tables.ts";

/** A card's text (Telegram HTML) and, while the request is open, its buttons. */
export interface RequestCard {
  text: string;
  buttons?: InlineKeyboardButton[][];
}

/** Who reads a card: their language and its texts, the bot's time zone and the roles one may approve as. */
export interface CardReader {
  locale: string;
  t: (key: string, args?: TranslationArgs) => string;
  timeZone: string;
  /** The least privileged first: its Approve button comes first. */
  knownRoles: readonly string[];
}

/**
 * An admin's card about a request, in their language: the application, and once someone acted,
 * who did what and when. Open requests keep their buttons (Approve per role, Reject, Postpone).
 */
export async function renderCard(db: Reads, reader: CardReader, request: AccessRequest): Promise<RequestCard> {
  const { t, locale } = reader;
  const lines = [
    t("access-card", {
      id: request.id,
      name: escapeHtml(request.name),
      phone: request.phone,
      person: escapeHtml(await nameOf(db, request.telegram_id)),
      comment: request.comment === null ? "—" : escapeHtml(request.comment),
    }),
  ];
  if (request.decided_by !== null && request.decided_at !== null) {
    lines.push(
      "",
      t(`access-card-${request.status}`, {
        by: escapeHtml(await nameOf(db, request.decided_by)),
        when: formatMoment(request.decided_at, locale, reader.timeZone),
        role: t("access-role", { role: request.role ?? "" }),
        reason: escapeHtml(request.reason ?? ""),
      }),
    );
  }
  if (!isOpen(request.status)) return { text: lines.join("\n") };
  const approve = grantableRoles(reader.knownRoles).map((role) => [
    { text: t("access-approve-as", { role: t("access-role", { role }) }), callback_data: approveButton.data({ requestId: request.id, role }) },
  ]);
  const rest = [{ text: t("access-reject"), callback_data: rejectButton.data({ requestId: request.id }) }];
  if (request.status === "pending") rest.push({ text: t("access-postpone"), callback_data: postponeButton.data({ requestId: request.id }) });
  return { text: lines.join("\n"), buttons: [...approve, rest] };
}

/** The cards of a request are keyed by it and the admin they went to; edits find them by this prefix. */
export function cardKeyPrefix(requestId: number): string {
  return `access:request:${requestId}:card:`;
}

/** A card's reader in a command: the language `tell` chose for them, the bot's time zone, the app's roles. */
function readerIn(scope: CommandScope<AccessTables>, locale: string, t: CardReader["t"]): CardReader {
  return { locale, t, timeZone: scope.settings.timeZone, knownRoles: scope.roles.byPrivilege };
}

/** Sends the card to every current manager (holder of `people.manage`) who has none yet; the dedupe keys make the rest no-ops. */
export async function sendCards(scope: CommandScope<AccessTables>, request: AccessRequest): Promise<void> {
  for (const manager of await holdersOf(scope.trx, scope.actor.botId, scope.roles.holding("people.manage"))) {
    await scope.tell(manager, {
      dedupeKey: `${cardKeyPrefix(request.id)}${manager}`,
      render: (locale, t) => renderCard(scope.trx, readerIn(scope, locale, t), request),
    });
  }
}

/** Edits every card sent about a request to show it as it stands now, each in its reader's language. */
export async function editCards(scope: CommandScope<AccessTables>, request: AccessRequest): Promise<void> {
  const cards = await scope.trx
    .selectFrom("outbox")
    .select(["chat_id", "dedupe_key"])
    .where("bot_id", "=", scope.actor.botId)
    .where("dedupe_key", "like", `${cardKeyPrefix(request.id)}%`)
    .execute();
  for (const { chat_id: chatId, dedupe_key: cardKey } of cards) {
    await scope.tell(
      chatId,
      { dedupeKey: `access:request:${request.id}:r${request.revision}:edit:${chatId}`, render: (locale, t) => renderCard(scope.trx, readerIn(scope, locale, t), request) },
      { editing: cardKey },
    );
  }
}
