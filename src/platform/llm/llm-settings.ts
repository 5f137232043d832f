/** Price of a model per million tokens, in the unit the provider bills in (US dollars for OpenAI). */
export interface ModelPrice {
  prompt: number;
  completion: number;
}

/** Where LLM calls go and what they cost; `undefined` settings mean no LLM is configured. */
export interface LlmSettings {
  /** An OpenAI-compatible API root, like `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1` (Ollama). */
  baseUrl: string;
  apiKey: string | undefined;
  /** The model a role gets when `models` names none for it. */
  defaultModel: string;
  /** `<module>.<role>` -> model, like `helpdesk.answer` -> `gpt-4o`. */
  models: Readonly<Record<string, string>>;
  prices: Readonly<Record<string, ModelPrice>>;
  /** How long one call may take, retries and waits for `retry-after` included. */
  timeoutMs: number;
}

/** Problems are thrown as plain messages naming the variable; config.ts turns them into ConfigErrors. */
function pairs(variable: string, text: string | undefined): [string, string][] {
  if (text === undefined || text.trim() === "") return [];
  return text.split(",").map((pair) => {
    const [key, value, extra] = pair.split("=").map((part) => part.trim());
    if (key === undefined || key === "" || value === undefined || value === "" || extra !== undefined) throw new Error(`${variable}: "${pair.trim()}" is not key=value`);
    return [key, value];
  });
}

function priceOf(model: string, text: string): ModelPrice {
  const [prompt, completion, extra] = text.split("/").map(Number);
  if (prompt === undefined || completion === undefined || extra !== undefined || !(prompt >= 0) || !(completion >= 0)) {
    throw new Error(`LLM_PRICES: the price of ${model} is "prompt/completion" per million tokens, like 0.15/0.60`);
  }
  return { prompt, completion };
}

/** The LLM settings from the environment's LLM_* variables, or undefined when LLM_BASE_URL is not set. */
export function llmSettingsOf(env: {
  LLM_BASE_URL?: string | undefined;
  LLM_API_KEY?: string | undefined;
  LLM_MODEL?: string | undefined;
  LLM_MODELS?: string | undefined;
  LLM_PRICES?: string | undefined;
  LLM_TIMEOUT_MS: number;
}): LlmSettings | undefined {
  if (env.LLM_BASE_URL === undefined) return undefined;
  const models = Object.fromEntries(pairs("LLM_MODELS", env.LLM_MODELS));
  for (const role of Object.keys(models)) if (!/^[a-z0-9-]+\.[a-z0-9-]+$/.test(role)) throw new Error(`LLM_MODELS: "${role}" is not <module>.<role>`);
  if (env.LLM_MODEL === undefined && Object.keys(models).length === 0) throw new Error("LLM_BASE_URL is set: set LLM_MODEL (and LLM_MODELS for roles that need another model)");
  return {
    baseUrl: env.LLM_BASE_URL.replace(/\/$/, ""),
    apiKey: env.LLM_API_KEY,
    defaultModel: env.LLM_MODEL ?? "",
    models,
    prices: Object.fromEntries(pairs("LLM_PRICES", env.LLM_PRICES).map(([model, price]) => [model, priceOf(model, price)])),
    timeoutMs: env.LLM_TIMEOUT_MS,
  };
}
