import { buildModuleKernel, permissionsOf } from "../../src/platform/app/module-context.ts";
import type { ModuleKernel } from "../../src/platform/app/module-context.ts";
import { createLogger } from "../../src/platform/log.ts";

type KernelDeps = Parameters<typeof buildModuleKernel>[0];

/**
 * The module kernel a test's commands run under, built as the app builds it: the given modules
 * and features with their permissions, silent logs, a real clock, no payments and jobs that go
 * nowhere unless the test passes its own.
 */
export function testKernel(deps: Pick<KernelDeps, "database" | "translator" | "settings"> & Partial<KernelDeps>): ModuleKernel {
  const features = deps.features ?? [];
  const modules = deps.modules ?? [];
  return buildModuleKernel({
    logger: createLogger({ level: "silent" }),
    permissions: permissionsOf([...features, ...modules]),
    publicUrl: () => "http://127.0.0.1",
    clock: { now: () => new Date() },
    jobs: { send: () => Promise.resolve(null) },
    paymentProviderToken: undefined,
    ...deps,
    features,
    modules,
  });
}
