import { join } from "node:path";
import { cataloguesIn } from "../../platform/i18n/catalogues.ts";
import { defineModule } from "../../platform/module.ts";
import { feedbackComposer } from "./bot.ts";
import * as feedback0001 from "./migrations/0001_feedback.ts";

/** "Write to us": anyone can send the team a message or a photo; owners and admins receive it. */
export const feedbackModule = defineModule({
  name: "feedback",
  migrations: { feedback_0001_feedback: feedback0001 },
  catalogues: cataloguesIn(join(import.meta.dirname, "locales")),
  menu: [{ label: "feedback-menu", data: "feedback:start" }],
  commands: [{ command: "feedback", description: "command-feedback" }],
  composer: feedbackComposer,
});
