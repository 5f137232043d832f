import { PLATFORM_PERMISSIONS, Permissions } from "../auth/permissions.ts";
import { createCommandRuntime, type CommandRuntime, type ModuleHooks } from "../commands/command-runtime.ts";
import type { Jobs } from "../jobs/jobs.ts";
import { declaredQueues } from "../jobs/module-jobs.ts";
import type { BotyardModule, EventHandler, ModuleContext } from "../module.ts";
import { modulesEnabledIn } from "../settings/enabled-modules.ts";

/**
 * The permissions of the platform and every installed module. Stops the app, naming it, on a
 * role declared by two modules or a permission granted to a role its module does not declare.
 */
export function permissionsOf(installed: readonly BotyardModule[]): Permissions {
  const names = new Set<string>();
  for (const module of installed) {
    if (names.has(module.name)) throw new Error(`Two modules are named ${module.name}`);
    names.add(module.name);
  }
  return Permissions.declaredBy([
    { by: "platform", permissions: PLATFORM_PERMISSIONS },
    ...installed.map((module) => ({ by: module.name, ...(module.roles === undefined ? {} : { roles: module.roles }), ...(module.permissions === undefined ? {} : { permissions: module.permissions }) })),
  ]);
}

/** Every module's scheduled-event handlers by kind; a kind two modules handle stops the app. */
export function eventHandlersOf(installed: readonly BotyardModule[], context: ModuleContext): Record<string, EventHandler> {
  const handlers: Record<string, EventHandler> = {};
  const owners = new Map<string, string>();
  for (const module of installed) {
    const events = typeof module.events === "function" ? module.events(context) : (module.events ?? {});
    for (const [kind, handler] of Object.entries(events)) {
      const owner = owners.get(kind);
      if (owner !== undefined) throw new Error(`Scheduled event kind "${kind}" is handled by both ${owner} and ${module.name}`);
      owners.set(kind, module.name);
      handlers[kind] = handler;
    }
  }
  return handlers;
}

/** The one module context of an app, the command runtime behind it, and the event handlers built on it. */
export interface ModuleKernel {
  context: ModuleContext;
  runtime: CommandRuntime;
  eventHandlers: Record<string, EventHandler>;
}

/**
 * Builds what every module is given, once per app: the context its handlers, routes, events and
 * jobs get, and the runtime its commands run on (effects in the command's transaction, the
 * enabled modules' hooks).
 */
export function buildModuleKernel(
  deps: Pick<ModuleContext, "database" | "translator" | "logger" | "settings" | "permissions" | "publicUrl" | "clock"> & {
    /** Parts of the platform built like modules, always on. */
    features: readonly BotyardModule[];
    /** The modules this build ships; each bot enables some. */
    modules: readonly BotyardModule[];
    jobs: Pick<Jobs, "send">;
    paymentProviderToken: string | undefined;
  },
): ModuleKernel {
  const { settings } = deps;
  const installed = [...deps.features, ...deps.modules];
  const eventKinds = new Set<string>();
  const hooks = new Map<BotyardModule, ModuleHooks>();
  const runtime = createCommandRuntime({
    database: deps.database,
    translator: deps.translator,
    permissions: deps.permissions,
    clock: deps.clock,
    jobs: deps.jobs,
    languagesOf: (botId) => settings.of(botId).languages,
    settingsOf: (botId) => settings.of(botId),
    eventKinds,
    queues: declaredQueues(installed),
    hooksOf: (botId) => [...deps.features, ...modulesEnabledIn(settings.of(botId).modules, deps.modules)].flatMap((module) => hooks.get(module) ?? []),
  });
  const context: ModuleContext = {
    database: deps.database,
    translator: deps.translator,
    logger: deps.logger,
    settings,
    permissions: deps.permissions,
    publicUrl: deps.publicUrl,
    clock: deps.clock,
    ...(deps.paymentProviderToken === undefined ? {} : { paymentProviderToken: deps.paymentProviderToken }),
    run: runtime.run,
    runIn: runtime.runIn,
    announce: runtime.announce,
    installed: { features: deps.features, modules: deps.modules },
  };
  const eventHandlers = eventHandlersOf(installed, context);
  for (const module of installed) if (module.hooks !== undefined) hooks.set(module, module.hooks(context));
  for (const kind of Object.keys(eventHandlers)) eventKinds.add(kind);
  return { context, runtime, eventHandlers };
}
