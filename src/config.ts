import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { llmSettingsOf, type LlmSettings } from "./platform/llm/llm-settings.ts";

/**
 * Every environment variable Botyard reads. Deployment files (Dockerfile, compose file, systemd
 * unit) may only name these; a test keeps them in step.
 */
export const environmentSchema = z.object({
  BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, "BOT_TOKEN looks like 123456:ABC-def").optional(),
  BOTYARD_CONFIG: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("./data"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  /**
   * Whether X-Forwarded-For names the client: only behind a reverse proxy, or anyone could fake
   * their address past per-IP limits. `true`, `false`, or the number of proxies in front.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+)$/, "TRUST_PROXY: true, false or a number of proxies")
    .default("false"),
  PUBLIC_URL: z.string().url().optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "WEBHOOK_SECRET: 16-256 characters of A-Z, a-z, 0-9, _ and -")
    .optional(),
  TELEGRAM_API_ROOT: z.string().url().optional(),
  OWNER_TELEGRAM_IDS: z.string().regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "comma-separated numbers").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  HANDLER_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  USER_RATE_LIMIT: z
    .string()
    .regex(/^\d+\/\d+s$/, "USER_RATE_LIMIT looks like 20/10s")
    .default("20/10s"),
  OUTBOX_RATE_GLOBAL: z.coerce.number().positive().default(30),
  INBOX_RETENTION_DAYS: z.coerce.number().int().positive().default(7),
  /** Where backups are written; by default `backups` inside DATA_DIR, which git and the deploy layouts already keep private. */
  BACKUP_DIR: z.string().optional(),
  BACKUP_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  /** Telegram Payments provider token (from @BotFather) for prepayment invoices; a secret. */
  PAYMENT_PROVIDER_TOKEN: z.string().min(1).optional(),
  /** An OpenAI-compatible API root for modules' LLM jobs, like https://api.openai.com/v1 or Ollama's http://127.0.0.1:11434/v1. */
  LLM_BASE_URL: z.string().url().optional(),
  /** The endpoint's API key; a secret. */
  LLM_API_KEY: z.string().min(1).optional(),
  /** The model every role uses unless LLM_MODELS names another. */
  LLM_MODEL: z.string().min(1).optional(),
  /** Models per role, like `helpdesk.answer=gpt-4o,tutor.reply=qwen2.5:7b`. */
  LLM_MODELS: z.string().optional(),
  /** Prices per million tokens, prompt/completion, like `gpt-4o-mini=0.15/0.60`: usage is costed with them. */
  LLM_PRICES: z.string().optional(),
  /** How long one LLM call may take, retries included. */
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /**
   * Sentry's DSN (`https://<key>@<host>/<project>`): errors the app logs are sent there, scrubbed
   * of tokens, secrets, phone numbers, e-mail addresses and people's data (see
   * platform/errors/error-tracking.ts). Unset, error tracking is not even loaded.
   */
  SENTRY_DSN: z.string().url().optional(),
});

export type Environment = z.infer<typeof environmentSchema>;

const botEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "bot id: lowercase letters, digits and -"),
  token: z.string().regex(/^\d+:[\w-]+$/),
  owners: z.array(z.number().int().positive()).optional(),
  modules: z.array(z.string()).optional(),
  timeZone: z.string().default("UTC"),
  languages: z.array(z.enum(["en", "ru"])).default(["en", "ru"]),
});

const configFileSchema = z.object({ bots: z.array(botEntrySchema).min(1) });

/** One bot this deployment runs: a tenant whose data all carry its id. */
export interface BotConfig {
  id: string;
  token: string;
  owners: number[];
  modules: string[] | undefined;
  timeZone: string;
  languages: ("en" | "ru")[];
}

export interface Config {
  env: Environment;
  bots: BotConfig[];
  /** No token anywhere: the built-in Bot API emulator plays Telegram. */
  sandbox: boolean;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  /** BACKUP_DIR resolved: backups hold people's phone numbers, so by default they live in DATA_DIR. */
  backupDir: string;
  webhook: { publicUrl: string; secret: string } | undefined;
  userRateLimit: { count: number; windowMs: number };
  /** Where modules' LLM jobs call; undefined when no LLM is configured. */
  llm: LlmSettings | undefined;
}

/** A configuration problem a person can fix; printed without a stack trace. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const SANDBOX_TOKEN = "1000000001:sandbox-token-not-secret";

export function loadConfig(source: NodeJS.ProcessEnv = process.env, options: { sandbox?: boolean } = {}): Config {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const owners = env.OWNER_TELEGRAM_IDS?.split(",").map((id) => Number(id.trim())) ?? [];

  let bots: BotConfig[];
  if (env.BOTYARD_CONFIG !== undefined) {
    const path = resolve(env.BOTYARD_CONFIG);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new ConfigError(`Cannot read BOTYARD_CONFIG ${path}: ${(error as Error).message}`);
    }
    const file = configFileSchema.safeParse(raw);
    if (!file.success) {
      const lines = file.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
      throw new ConfigError(`Invalid config file ${path}:\n${lines.join("\n")}`);
    }
    bots = file.data.bots.map((bot) => ({ ...bot, owners: bot.owners ?? owners, modules: bot.modules }));
  } else {
    bots = [
      {
        id: "main",
        token: env.BOT_TOKEN ?? SANDBOX_TOKEN,
        owners,
        modules: undefined,
        timeZone: "UTC",
        languages: ["en", "ru"],
      },
    ];
  }
  const sandbox = options.sandbox === true || (env.BOT_TOKEN === undefined && env.BOTYARD_CONFIG === undefined);
  if (sandbox && env.BOTYARD_CONFIG !== undefined) throw new ConfigError("sandbox mode runs without a bot token or config file");

  if (env.WEBHOOK_SECRET !== undefined && env.PUBLIC_URL === undefined) {
    throw new ConfigError("Webhook mode (WEBHOOK_SECRET) needs PUBLIC_URL too");
  }
  const [count, seconds] = env.USER_RATE_LIMIT.replace("s", "").split("/").map(Number) as [number, number];
  let llm: LlmSettings | undefined;
  try {
    llm = llmSettingsOf(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }

  return {
    env,
    bots,
    sandbox,
    database:
      env.DATABASE_URL !== undefined
        ? { kind: "postgres", url: env.DATABASE_URL }
        : { kind: "pglite", dataDir: resolve(env.DATA_DIR) },
    backupDir: resolve(env.BACKUP_DIR ?? join(env.DATA_DIR, "backups")),
    webhook:
      env.PUBLIC_URL !== undefined && env.WEBHOOK_SECRET !== undefined
        ? { publicUrl: env.PUBLIC_URL.replace(/\/$/, ""), secret: env.WEBHOOK_SECRET }
        : undefined,
    userRateLimit: { count, windowMs: seconds * 1000 },
    llm,
  };
}

/** The configured secrets no log line or error report may show: bot tokens, the webhook secret, the payment provider token, the LLM key. */
export function secretsOf(config: Config): string[] {
  return [...config.bots.map((bot) => bot.token), config.env.WEBHOOK_SECRET, config.env.PAYMENT_PROVIDER_TOKEN, config.env.LLM_API_KEY].filter((secret) => secret !== undefined);
}
