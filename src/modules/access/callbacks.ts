import { callbackData, field, type FieldCodec } from "../../platform/telegram/callback-data.ts";

/** A role's name as buttons carry it; the command checks that the app knows it. */
const roleName: FieldCodec<string> = {
  encode: (role) => role,
  decode: (text) => (/^[\w-]+$/.test(text) ? text : undefined),
};

/** Catalogue keys of the reasons an admin can pick with one press. */
export const PRESET_REASONS = ["access-reason-unknown-person", "access-reason-unverified", "access-reason-no-openings"] as const;
export type PresetReason = (typeof PRESET_REASONS)[number];

/** A preset reason as its place in the list, or "cancel": `access-reason:1`. */
const reasonChoice: FieldCodec<PresetReason | "cancel"> = {
  encode: (choice) => (choice === "cancel" ? choice : String(PRESET_REASONS.indexOf(choice))),
  decode: (text) => (text === "cancel" ? text : /^\d$/.test(text) ? PRESET_REASONS[Number(text)] : undefined),
};

// The home menu's buttons.
export const applyButton = callbackData("access:apply");
/** Also under an approval or an invitation: it asks the bot for the person's own login link. */
export const loginButton = callbackData("access:login");
export const pendingButton = callbackData("access:pending");
export const peopleButton = callbackData("access:people");
export const statsButton = callbackData("access:stats");
export const allSessionsButton = callbackData("access:all-sessions");

// A request's card: `access:approve:<request>:<role>`, `access:reject:<request>`, `access:postpone:<request>`.
export const approveButton = callbackData("access:approve", { requestId: field.id, role: roleName });
export const rejectButton = callbackData("access:reject", { requestId: field.id });
export const postponeButton = callbackData("access:postpone", { requestId: field.id });
/** The rejection flow's buttons: a preset reason, or Cancel. */
export const reasonButton = callbackData("access-reason", { choice: reasonChoice });

// The application flow's buttons.
export const applySendButton = callbackData("access-apply-send");
export const applyCancelButton = callbackData("access-apply-cancel");

// An admin's view of people: `access:person:<telegram id>` and what can be done to them.
export const personButton = callbackData("access:person", { telegramId: field.id });
export const grantButton = callbackData("access:grant", { telegramId: field.id, role: roleName });
export const revokeButton = callbackData("access:revoke", { telegramId: field.id, role: roleName });
export const blockButton = callbackData("access:block", { telegramId: field.id });
export const blockYesButton = callbackData("access:block-yes", { telegramId: field.id });
export const unblockButton = callbackData("access:unblock", { telegramId: field.id });
export const sendLinkButton = callbackData("access:send-link", { telegramId: field.id });

// Web sessions: one's own (`access:end:<session>`, "log out everywhere") and, for admins, anyone's.
export const endSessionButton = callbackData("access:end", { sessionId: field.id });
export const endAnySessionButton = callbackData("access:end-any", { sessionId: field.id });
export const endAllButton = callbackData("access:end-all");
