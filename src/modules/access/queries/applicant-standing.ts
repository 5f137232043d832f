import { rolesOf } from "../../../platform/auth/roles.ts";
import type { ApplicantStanding } from "../domain/request.ts";
import type { AccessRequest } from "../tables.ts";
import { isBlockedFromAccess } from "./people.ts";
import { latestRequestOf } from "./requests.ts";
import type { Reads } from "./reads.ts";

/** How a person stands for a new application (blocked, staff, their latest request), and that request. */
export async function applicantStanding(db: Reads, botId: string, telegramId: number): Promise<{ standing: ApplicantStanding; latest: AccessRequest | undefined }> {
  const latest = await latestRequestOf(db, botId, telegramId);
  return {
    standing: {
      blocked: await isBlockedFromAccess(db, botId, telegramId),
      staff: (await rolesOf(db, botId, telegramId)).length > 0,
      latest: latest === undefined ? null : { status: latest.status, decidedAt: latest.decided_at === null ? null : new Date(latest.decided_at) },
    },
    latest,
  };
}
