import type { BotyardModule } from "../platform/module.ts";
import { accessModule } from "./access/module.ts";
import { bookingModule } from "./booking/module.ts";
import { feedbackModule } from "./feedback/module.ts";
import { helpdeskModule } from "./helpdesk/module.ts";

/**
 * Every module this build ships, in home-menu order, which is also the order their handlers see
 * an update: helpdesk, which takes every private message nothing else answered, comes last. A bot
 * enables all but the opt-in ones (helpdesk) unless its settings list some.
 */
export const allModules: readonly BotyardModule[] = [accessModule, bookingModule, feedbackModule, helpdeskModule];
