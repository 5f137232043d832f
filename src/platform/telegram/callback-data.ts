import type { Composer, Filter, MiddlewareFn } from "grammy";
import type { PlainDate } from "../domain/zoned-time.ts";
import type { BotyardContext } from "./context.ts";
import { flowButton, parseFlowButton, type FlowState } from "./flows.ts";

/** Telegram refuses a button whose callback data is longer than this, in bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;

/** One field of callback data: how a value is written and read back; reading refuses what writing never makes. */
export interface FieldCodec<Value> {
  encode(value: Value): string;
  decode(text: string): Value | undefined;
}

const digits = /^(0|[1-9]\d{0,15})$/;

function decodeCount(text: string): number | undefined {
  if (!digits.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The field codecs callback data is made of. Text fields are bounded to what cannot hold the separator. */
export const field = {
  /** A whole number, 0 or more. */
  count: {
    encode: (value: number) => String(value),
    decode: decodeCount,
  } satisfies FieldCodec<number>,
  /** A row id: a whole number above 0. */
  id: {
    encode: (value: number) => String(value),
    decode: (text: string) => {
      const value = decodeCount(text);
      return value === undefined || value === 0 ? undefined : value;
    },
  } satisfies FieldCodec<number>,
  /** A row id, or null written as 0 ("any master"). */
  idOrNone: {
    encode: (value: number | null) => String(value ?? 0),
    decode: (text: string) => {
      const value = decodeCount(text);
      return value === undefined ? undefined : value === 0 ? null : value;
    },
  } satisfies FieldCodec<number | null>,
  /** A calendar day, `2026-03-04`, that exists. */
  date: {
    encode: (value: PlainDate) => value,
    decode: (text: string) => (isRealDate(text) ? (text) : undefined),
  } satisfies FieldCodec<PlainDate>,
  /** A month, `2026-03`. */
  month: {
    encode: (value: string) => value,
    decode: (text: string) => (/^\d{4}-(0[1-9]|1[0-2])$/.test(text) ? text : undefined),
  } satisfies FieldCodec<string>,
  /** One of a few words. */
  oneOf<const Word extends string>(words: readonly Word[]): FieldCodec<Word> {
    return {
      encode: (value) => value,
      decode: (text) => (words as readonly string[]).includes(text) ? (text as Word) : undefined,
    };
  },
  /** A trailing field that may be left out. */
  optional<Value>(codec: FieldCodec<Value>): FieldCodec<Value | undefined> & { optional: true } {
    return {
      optional: true,
      encode: (value) => (value === undefined ? "" : codec.encode(value)),
      decode: (text) => codec.decode(text),
    };
  },
};

type Fields = Record<string, FieldCodec<never> | FieldCodec<unknown>>;
type ValuesOf<F extends Fields> = { [K in keyof F as F[K] extends { optional: true } ? never : K]: F[K] extends FieldCodec<infer V> ? V : never } & {
  [K in keyof F as F[K] extends { optional: true } ? K : never]?: F[K] extends FieldCodec<infer V> ? V : never;
};

/**
 * One kind of button's callback data, `<prefix>:<field>:<field>...`, built and matched in one
 * place. `parse` gives the fields back only when every one reads as `data` would have written
 * it, so a forged or mangled payload is told apart from a real one before any handler runs.
 */
export interface CallbackData<Values> {
  readonly prefix: string;
  /** The callback data of a button; throws when Telegram would refuse it as too long. */
  data(values: Values): string;
  /** The same data on a button of `flow` (see `flowButton`), so it goes stale with the flow. */
  inFlow(flow: FlowState, values: Values): string;
  /** The fields of `data`, with or without a flow's mark; undefined when it is not this kind's or is malformed. */
  parse(data: string): Values | undefined;
  /** Matches every payload that claims to be this kind (well formed or not), for `composer.callbackQuery`. */
  readonly trigger: RegExp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function callbackData<const F extends Fields = Record<never, never>>(prefix: string, fields: F = {} as F): CallbackData<ValuesOf<F>> {
  const entries = Object.entries(fields);
  const optionalAt = entries.findIndex(([, codec]) => "optional" in codec);
  if (optionalAt !== -1 && entries.slice(optionalAt).some(([, codec]) => !("optional" in codec))) {
    throw new Error(`${prefix}: only trailing fields may be optional`);
  }
  const required = optionalAt === -1 ? entries.length : optionalAt;
  const build = (values: ValuesOf<F>): string => {
    const parts = [prefix];
    for (const [name, codec] of entries) {
      const value = (values as Record<string, unknown>)[name];
      if (value === undefined && "optional" in codec) break;
      parts.push((codec as FieldCodec<unknown>).encode(value));
    }
    return parts.join(":");
  };
  const checked = (data: string): string => {
    if (Buffer.byteLength(data) > MAX_CALLBACK_DATA_BYTES) throw new Error(`callback data over ${MAX_CALLBACK_DATA_BYTES} bytes: ${data}`);
    return data;
  };
  return {
    prefix,
    data: (values) => checked(build(values)),
    inFlow: (flow, values) => checked(flowButton(flow, build(values))),
    // Exactly as many parts as the fields allow, so "bkw:mine" and "bkw:leave:<id>" never claim each other's presses.
    trigger: new RegExp(`^(?:f\\d+:)?${escapeRegExp(prefix)}(?::[^:]*){${required},${entries.length}}$`),
    parse(data) {
      const action = parseFlowButton(data)?.action ?? data;
      if (action !== prefix && !action.startsWith(`${prefix}:`)) return undefined;
      const parts = action === prefix ? [] : action.slice(prefix.length + 1).split(":");
      if (parts.length > entries.length) return undefined;
      const values: Record<string, unknown> = {};
      for (const [index, [name, codec]] of entries.entries()) {
        const part = parts[index];
        if (part === undefined) {
          if ("optional" in codec) break;
          return undefined;
        }
        const value = (codec as FieldCodec<unknown>).decode(part);
        if (value === undefined) return undefined;
        values[name] = value;
      }
      return values as ValuesOf<F>;
    },
  };
}

type CallbackContext<C extends BotyardContext> = Filter<C, "callback_query:data">;

/**
 * Handles presses of one kind of button with its fields read, after `guards` (such as
 * `requirePermission`). A malformed payload (forged, or from an older version of the bot)
 * answers "this button has expired" and changes nothing.
 */
export function onCallback<C extends BotyardContext, Values>(
  composer: Composer<C>,
  kind: CallbackData<Values>,
  handler: (ctx: CallbackContext<C>, values: Values) => Promise<unknown>,
  ...guards: MiddlewareFn<CallbackContext<C>>[]
): void {
  composer.callbackQuery(kind.trigger, ...guards, async (ctx) => {
    const values = kind.parse(ctx.callbackQuery.data);
    if (values === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    await handler(ctx, values);
  });
}
