import type { DashboardCard } from "../../platform/module.ts";
import { accessStatistics } from "./queries/statistics.ts";
import type { AccessTables } from "./tables.ts";

/** Access's dashboard card: the staff requests waiting for a decision, and today's decisions. */
export const accessCards: readonly DashboardCard<AccessTables>[] = [
  {
    id: "requests",
    title: "access-card-requests",
    permission: "people.manage",
    link: "/requests",
    async figures({ db, botId, now, timeZone }) {
      const { requests } = await accessStatistics(db, botId, { timeZone, now });
      return [
        { label: "access-card-requests-pending", value: requests.pending },
        { label: "access-card-requests-postponed", value: requests.postponed },
        { label: "access-card-requests-decided-today", value: requests.approvedToday + requests.rejectedToday },
      ];
    },
  },
];
