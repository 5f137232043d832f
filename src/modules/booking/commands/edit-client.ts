import { sql } from "kysely";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import { MAX_NAME_LENGTH } from "../domain/catalogue.ts";
import { typedPhone } from "../queries/typed-phone.ts";
import type { BookingTables } from "../tables.ts";

/** The longest note staff keep on a client. */
export const CLIENT_NOTE_MAX = 2000;

export interface EditClientInput {
  clientId: number;
  name: string;
  /** As staff typed it; a national number is read in the country of the salon's first location. Empty: none. */
  phone: string;
  /** Empty: none. */
  note: string;
}

export type EditClientOutcome = Outcome<{ client: { id: number; name: string; phone: string | null; note: string | null } }, "client-unknown" | "name-missing" | "phone-invalid" | "phone-taken" | "note-too-long">;

/**
 * Staff correct a client's name and phone and keep a private note on their card. The phone is
 * kept in E.164 and must not be another client's (two records of one person are merged, not
 * given the same number).
 */
export const editClient = defineCommand("booking.client.edit", async (scope: CommandScope<BookingTables>, input: EditClientInput): Promise<UseCaseOutcome<EditClientOutcome>> => {
  const { trx, actor } = scope;
  const refuse = (reason: Extract<EditClientOutcome, { ok: false }>["reason"]) => ({ result: refusal(reason), audit: null });
  const client = await trx.selectFrom("booking_client").select(["id", "name", "phone", "note"]).where("bot_id", "=", actor.botId).where("id", "=", input.clientId).where("merged_into", "is", null).executeTakeFirst();
  if (client === undefined) return refuse("client-unknown");
  const name = input.name.trim().replace(/\s+/g, " ");
  if (name === "" || name.length > MAX_NAME_LENGTH) return refuse("name-missing");
  const note = input.note.trim() === "" ? null : input.note.trim();
  if (note !== null && note.length > CLIENT_NOTE_MAX) return refuse("note-too-long");
  let phone: string | null = null;
  if (input.phone.trim() !== "") {
    phone = (await typedPhone(trx, actor.botId, "salon", input.phone)) ?? null;
    if (phone === null) return refuse("phone-invalid");
    const holder = await trx.selectFrom("booking_client").select("id").where("bot_id", "=", actor.botId).where("phone", "=", phone).where("id", "!=", client.id).executeTakeFirst();
    if (holder !== undefined) return refuse("phone-taken");
  }
  const after = await trx.updateTable("booking_client").set({ name, phone, note, updated_at: sql`now()` }).where("id", "=", client.id).returning(["id", "name", "phone", "note"]).executeTakeFirstOrThrow();
  return { result: { ok: true, client: after }, audit: { objectType: "booking_client", objectId: client.id, before: client, after } };
});
