import type { Kysely } from "kysely";
import { z } from "zod";
import type { Clock } from "../module.ts";
import type { PlatformTables } from "../db/schema.ts";
import type { Logger } from "../log.ts";
import type { LlmSettings } from "./llm-settings.ts";
import { retryAfterMs } from "./retry-after.ts";
import { recordUsage } from "./usage.ts";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface LlmRequest<Reply> {
  botId: string;
  /** What this call does in its module (`answer`, `classify`): picks the model (LLM_MODELS). */
  role: string;
  messages: readonly ChatMessage[];
  /** The reply's shape: asked of the endpoint as a JSON schema, and checked with zod. */
  reply: z.ZodType<Reply>;
  /** The schema's name for the endpoint: letters, digits, _ and -. */
  replyName?: string;
  maxTokens?: number;
  temperature?: number;
  /** Aborts the call (a job's shutdown). */
  signal?: AbortSignal;
}

export interface LlmReply<Reply> {
  value: Reply;
  model: string;
  /** Both requests' tokens when the first reply needed repairing. */
  promptTokens: number;
  completionTokens: number;
  /** 1, or 2 when the first reply did not fit the schema. */
  attempts: number;
}

/**
 * Why a call gave no reply: no LLM configured, out of time, the endpoint unavailable (429s or 5xx
 * until the time ran out), the request refused (4xx, or the model declined), or two replies in a
 * row that did not fit the schema. A job lets it fail the attempt, so pg-boss retries it later.
 */
export class LlmError extends Error {
  override name = "LlmError";
  readonly kind: "not-configured" | "timeout" | "unavailable" | "refused" | "invalid-reply";
  constructor(kind: LlmError["kind"], message: string) {
    super(message);
    this.kind = kind;
  }
}

/** The LLM as one module sees it: its calls' usage is recorded under its name. */
export interface ModuleLlm {
  readonly configured: boolean;
  complete<Reply>(request: LlmRequest<Reply>): Promise<LlmReply<Reply>>;
}

export interface LlmDependencies {
  settings: LlmSettings | undefined;
  db: Kysely<PlatformTables>;
  clock: Clock;
  /** The bot's day of `at`, `2026-12-02`, for the usage rows. */
  dayOf(botId: string, at: Date): string;
  logger: Logger;
  fetch?: typeof fetch;
  /** Waits between attempts after a 5xx or a network error; tests shorten them. */
  backoffMs?: readonly number[];
}

/** 0.5 s, then 1 s, then 2 s; then the call fails. */
const BACKOFF_MS = [500, 1000, 2000];
const MAX_ERROR_TEXT = 300;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function jsonSchemaOf(reply: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(reply) as Record<string, unknown>;
  return schema;
}

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }) })).min(1),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).nullish(),
});

/** What the reply's content is as the schema wants it, or what is wrong with it in words the model can act on. */
function readReply<Reply>(content: string, reply: z.ZodType<Reply>): { ok: true; value: Reply } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, "$1"));
  } catch {
    return { ok: false, problem: "it is not JSON" };
  }
  const checked = reply.safeParse(json);
  if (checked.success) return { ok: true, value: checked.data };
  return { ok: false, problem: checked.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ") };
}

/**
 * The platform's LLM client, for any OpenAI-compatible endpoint. A call asks for a reply in a
 * JSON schema and checks it with zod; a reply that does not fit is sent back once to be repaired.
 * 429s wait as `retry-after` says and 5xx or network errors are retried, all within the call's
 * time. Every request's tokens and cost are recorded per bot, module, model and day. Modules get
 * it in their jobs' context only: an LLM takes seconds, far past a handler's deadline.
 */
export function createLlm(deps: LlmDependencies): { forModule(module: string): ModuleLlm } {
  const settings = deps.settings;
  const fetchFn = deps.fetch ?? fetch;
  const backoff = deps.backoffMs ?? BACKOFF_MS;
  const log = deps.logger.child({ component: "llm" });

  const post = async (model: string, body: object, deadline: number, signal: AbortSignal | undefined) => {
    if (settings === undefined) throw new LlmError("not-configured", "no LLM is configured (LLM_BASE_URL)");
    for (let failures = 0; ; ) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new LlmError("timeout", `no reply from ${model} in time`);
      const timeout = AbortSignal.timeout(remaining);
      let response: Response;
      try {
        response = await fetchFn(`${settings.baseUrl}/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(settings.apiKey === undefined ? {} : { authorization: `Bearer ${settings.apiKey}` }) },
          body: JSON.stringify(body),
          signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
        });
      } catch (error) {
        if (signal?.aborted === true) throw error;
        if (timeout.aborted) throw new LlmError("timeout", `no reply from ${model} in time`);
        const wait = backoff[failures++];
        if (wait === undefined || wait >= deadline - Date.now()) throw new LlmError("unavailable", `the LLM endpoint cannot be reached: ${(error as Error).message}`);
        log.warn({ model, err: (error as Error).message, waitMs: wait }, "LLM endpoint unreachable; trying again");
        await sleep(wait, signal);
        continue;
      }
      if (response.ok) return completionSchema.parse(await response.json());
      const text = (await response.text()).slice(0, MAX_ERROR_TEXT);
      if (response.status === 429 || response.status >= 500) {
        const asked = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers, new Date()) : undefined;
        const wait = asked ?? backoff[failures++];
        if (wait === undefined || wait >= deadline - Date.now()) throw new LlmError("unavailable", `the LLM endpoint answered ${response.status} until the time ran out: ${text}`);
        log.warn({ model, status: response.status, waitMs: wait }, "LLM endpoint busy; trying again");
        await sleep(wait, signal);
        continue;
      }
      throw new LlmError("refused", `the LLM endpoint refused the request (${response.status}): ${text}`);
    }
  };

  return {
    forModule(module) {
      return {
        configured: settings !== undefined,
        async complete<Reply>(request: LlmRequest<Reply>): Promise<LlmReply<Reply>> {
          if (settings === undefined) throw new LlmError("not-configured", "no LLM is configured (LLM_BASE_URL)");
          const model = settings.models[`${module}.${request.role}`] ?? settings.defaultModel;
          const deadline = Date.now() + settings.timeoutMs;
          const messages: ChatMessage[] = [...request.messages];
          const tokens = { prompt: 0, completion: 0 };
          for (let attempt = 1; ; attempt++) {
            const completion = await post(
              model,
              {
                model,
                messages,
                response_format: { type: "json_schema", json_schema: { name: request.replyName ?? "reply", schema: jsonSchemaOf(request.reply) } },
                ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
                ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
              },
              deadline,
              request.signal,
            );
            const used = { prompt: completion.usage?.prompt_tokens ?? 0, completion: completion.usage?.completion_tokens ?? 0 };
            tokens.prompt += used.prompt;
            tokens.completion += used.completion;
            const day = deps.dayOf(request.botId, deps.clock.now());
            await recordUsage(deps.db, { botId: request.botId, module, model, day, promptTokens: used.prompt, completionTokens: used.completion }, settings.prices[model]);
            const message = completion.choices[0]!.message;
            if (message.refusal != null) throw new LlmError("refused", `the model declined: ${message.refusal.slice(0, MAX_ERROR_TEXT)}`);
            const content = message.content ?? "";
            const read = readReply(content, request.reply);
            if (read.ok) return { value: read.value, model, promptTokens: tokens.prompt, completionTokens: tokens.completion, attempts: attempt };
            if (attempt === 2) throw new LlmError("invalid-reply", `two replies of ${model} did not fit the schema; the last: ${read.problem}`);
            log.warn({ model, module, role: request.role, problem: read.problem }, "LLM reply does not fit its schema; asking for a repair");
            messages.push({ role: "assistant", content }, { role: "user", content: `Your reply does not fit the required JSON schema (${read.problem}). Reply again with only the corrected JSON.` });
          }
        },
      };
    },
  };
}
