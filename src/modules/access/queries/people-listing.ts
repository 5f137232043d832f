import { displayName } from "./people.ts";
import type { Reads } from "./reads.ts";

/** How a person stands with the bot's access, for lists. */
export type PersonStatus = "staff" | "blocked" | "applicant" | "rejected";

export interface PersonListing {
  telegramId: number;
  name: string;
  username: string | null;
  roles: string[];
  status: PersonStatus;
  /** Their open request, if they are an applicant. */
  requestId: number | null;
}

/**
 * People the access side deals with: staff, blocked people and applicants (with open or
 * rejected requests), staff first, then by name. Plain bot users who never applied are not listed.
 * An owner configured by id whom the bot never met is called `unmetOwner` ("Owner" in the
 * reader's language); anyone else the bot never met, by their id.
 */
export async function listPeople(db: Reads, botId: string, unmetOwner: string): Promise<PersonListing[]> {
  const roles = await db.selectFrom("role").select(["telegram_id", "role"]).where("bot_id", "=", botId).orderBy("role").execute();
  const blocks = await db.selectFrom("access_block").select("telegram_id").where("bot_id", "=", botId).execute();
  const requests = await db
    .selectFrom("access_request")
    .select(["id", "telegram_id", "status"])
    .where("bot_id", "=", botId)
    .where("status", "in", ["pending", "postponed", "rejected"])
    .orderBy("id")
    .execute();
  const ids = [...new Set([...roles.map((row) => row.telegram_id), ...blocks.map((row) => row.telegram_id), ...requests.map((row) => row.telegram_id)])];
  if (ids.length === 0) return [];
  const people = await db.selectFrom("person").select(["telegram_id", "first_name", "last_name", "username"]).where("telegram_id", "in", ids).execute();
  const blocked = new Set(blocks.map((row) => row.telegram_id));
  const listing = ids.map((telegramId): PersonListing => {
    const person = people.find((row) => row.telegram_id === telegramId);
    const held = roles.filter((row) => row.telegram_id === telegramId).map((row) => row.role);
    const latest = requests.filter((row) => row.telegram_id === telegramId).at(-1);
    const open = latest !== undefined && latest.status !== "rejected" ? latest : undefined;
    const status: PersonStatus = blocked.has(telegramId) ? "blocked" : held.length > 0 ? "staff" : open !== undefined ? "applicant" : "rejected";
    return {
      telegramId,
      name: person === undefined ? (held.includes("owner") ? unmetOwner : String(telegramId)) : displayName({ ...person, username: null }),
      username: person?.username ?? null,
      roles: held,
      status,
      requestId: open?.id ?? null,
    };
  });
  const order: Record<PersonStatus, number> = { staff: 0, applicant: 1, blocked: 2, rejected: 3 };
  return listing.sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name));
}
