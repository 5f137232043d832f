import { broadcastsFeature } from "./broadcasts/feature.ts";
import { backupsFeature } from "./db/backups-feature.ts";
import { botSettingsFeature } from "./settings/settings-feature.ts";
import { textsFeature } from "./settings/texts-feature.ts";
import { dashboardFeature } from "./dashboard/feature.ts";
import { filesFeature } from "./files/feature.ts";
import { workGroupsFeature } from "./work-groups/feature.ts";
import type { BotyardModule } from "./module.ts";

/**
 * Parts of the platform built like modules (their own routes, events, audience segments) but
 * always on: they are not listed among a bot's modules and cannot be disabled.
 */
export const platformFeatures: readonly BotyardModule[] = [broadcastsFeature, textsFeature, botSettingsFeature, backupsFeature, dashboardFeature, filesFeature, workGroupsFeature];
