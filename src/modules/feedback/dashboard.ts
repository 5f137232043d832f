import type { DashboardCard } from "../../platform/module.ts";
import { receivedThisWeek, unseenCount } from "./queries/feedback-counts.ts";
import type { FeedbackTables } from "./tables.ts";

/** The dashboard's feedback card: what waits unseen, and what came this week. */
export const feedbackCards: readonly DashboardCard<FeedbackTables>[] = [
  {
    id: "feedback",
    title: "feedback-card-title",
    permission: "feedback.read",
    async figures({ db, botId, now, timeZone }) {
      return [
        { label: "feedback-card-unseen", value: await unseenCount(db, botId) },
        { label: "feedback-card-week", value: await receivedThisWeek(db, botId, now, timeZone) },
      ];
    },
  },
];
