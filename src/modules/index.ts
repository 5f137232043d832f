import type { BotyardModule } from "../platform/module.ts";
import { accessModule } from "./access/module.ts";
import { bookingModule } from "./booking/module.ts";
import { feedbackModule } from "./feedback/module.ts";

/** Every module this build ships, in home-menu order. A bot enables all unless its config lists some. */
export const allModules: readonly BotyardModule[] = [accessModule, bookingModule, feedbackModule];
