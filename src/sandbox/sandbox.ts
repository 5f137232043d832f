import type { User } from "@grammyjs/types";
import type { FastifyInstance } from "fastify";
import type { Config } from "../config.ts";
import { registerSandboxProxy } from "../platform/http/sandbox-proxy.ts";
import type { Logger } from "../platform/log.ts";
import { createBotApiEmulator } from "./emulator.ts";
import type { EmulatorControl } from "./control.ts";

/** Sandbox mode: the emulator plays Telegram, on loopback only, for the Playground and trials. */
export interface Sandbox {
  url: string;
  control: EmulatorControl;
  /** A simulated user who owns the sandbox bot, so the Playground can try staff features. */
  owner: User;
  /** Serves the emulator's control API under /sandbox/ of the app, for the Playground. */
  mount(app: FastifyInstance): void;
  close(): Promise<void>;
}

export const SANDBOX_OWNER_ID = 1001;

export async function startSandbox(config: Config, logger: Logger): Promise<Sandbox> {
  const emulator = createBotApiEmulator({ logger: logger.child({ component: "emulator" }) });
  // Loopback only: the control API can act as any Telegram user, owners included.
  const url = await emulator.listen(0, "127.0.0.1");
  for (const bot of config.bots) {
    emulator.control.registerBot({ token: bot.token, username: "botyard_sandbox_bot", first_name: "Botyard Sandbox" });
  }
  const owner = emulator.control.createUser({ id: SANDBOX_OWNER_ID, first_name: "Owner", username: "owner", language_code: "en" });
  return {
    url,
    control: emulator.control,
    owner,
    mount: (app) => registerSandboxProxy(app, url),
    close: () => emulator.close(),
  };
}
