import { defineModule } from "../module.ts";
import { keepThreadNote } from "./keep-thread-note.ts";
import { linkWorkGroup } from "./link-work-group.ts";
import { markWorkGroupGone } from "./mark-group-gone.ts";
import { moveWorkGroup } from "./move-work-group.ts";

/**
 * Staff work groups: Telegram groups linked to a bot for a module's staff, a thread per subject
 * in them, and staff replies routed back to the owning module. Its handlers are part of every
 * bot (platform/telegram/create-bot.ts); this declares its commands.
 */
export const workGroupsFeature = defineModule({
  name: "work-groups",
  commands: [linkWorkGroup, markWorkGroupGone, moveWorkGroup, keepThreadNote],
});
