/**
 * What a work group serves: a module's staff (`module`) for one routing key the module names (a
 * category's id, a branch's code), or "" for the module's default group, which serves every key
 * that has no group of its own.
 */
export interface WorkGroupPurpose {
  module: string;
  routingKey: string;
}

const ROUTING_KEY = /^[a-z0-9_-]{0,32}$/i;

/** Reads the setup command's argument, `<module> [routing key]`; null when it is not of that shape. */
export function parsePurpose(argument: string): WorkGroupPurpose | null {
  const [module, routingKey = "", ...rest] = argument.trim().split(/\s+/);
  if (module === undefined || module === "" || rest.length > 0 || !ROUTING_KEY.test(routingKey)) return null;
  return { module: module.toLowerCase(), routingKey };
}
