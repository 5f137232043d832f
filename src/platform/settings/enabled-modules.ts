import type { BotyardModule } from "../module.ts";

/** The modules a bot's settings enable: all of them while the settings name none. */
export function modulesEnabledIn(enabled: readonly string[] | null, modules: readonly BotyardModule[]): readonly BotyardModule[] {
  return enabled === null ? modules : modules.filter((module) => enabled.includes(module.name));
}
