import type { Api } from "grammy";
import type { Logger } from "../log.ts";
import { ALLOWED_UPDATES } from "./chat-key.ts";

/** Sets the webhook only when Telegram's differs; never deletes it (a rolling restart must not drop updates). */
export async function ensureWebhook(api: Api, url: string, secret: string, logger: Logger): Promise<void> {
  const info = await api.getWebhookInfo();
  const wanted = [...ALLOWED_UPDATES].sort().join(",");
  const current = [...(info.allowed_updates ?? [])].sort().join(",");
  if (info.url === url && current === wanted) return;
  await api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
  logger.info({ url }, "webhook set");
}
