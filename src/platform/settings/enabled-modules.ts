import type { BotyardModule } from "../module.ts";

/** The modules a bot's settings enable: while the settings name none, every module but the opt-in ones (`optIn`). */
export function modulesEnabledIn(enabled: readonly string[] | null, modules: readonly BotyardModule[]): readonly BotyardModule[] {
  return enabled === null ? modules.filter((module) => module.optIn !== true) : modules.filter((module) => enabled.includes(module.name));
}
