/**
 * The Playground's calls to the emulator's control API. The app forwards everything under
 * /sandbox/ to the emulator (sandbox mode only), so these are same-origin requests.
 */
import type {
  CommandsResponse,
  CreateUserRequest,
  EditRequest,
  EditResponse,
  EmulatorState,
  PayRequest,
  PayResponse,
  PressRequest,
  PressResponse,
  SendRequest,
  SendResponse,
  SimulatedUser,
  TranscriptEntry,
} from "../../../src/sandbox/control.ts";

export const SANDBOX_BASE = "/sandbox";

/** Audio types the control API keeps as voice notes (Telegram's OGG/Opus, MP3, M4A); other audio goes as a file. */
export const VOICE_TYPES: readonly string[] = ["audio/ogg", "audio/mpeg", "audio/mp4"];

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

async function call<T>(method: "GET" | "POST", path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${SANDBOX_BASE}/control/${path}`, {
      method,
      ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
      ...(signal !== undefined ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted === true) throw error;
    throw new ApiError(0, "The sandbox is unreachable: is the app running in sandbox mode?");
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = typeof parsed === "object" && parsed !== null && "error" in parsed && typeof parsed.error === "string" ? parsed.error : undefined;
    // The app answers a generic 404 for /sandbox/ when it runs with a real bot token (no emulator).
    const message =
      response.status === 404 && (error === undefined || error === "not found")
        ? "The sandbox is not available: the app runs with a real bot token, so there is no emulator to talk to"
        : (error ?? `${response.status} ${response.statusText}`);
    throw new ApiError(response.status, message);
  }
  if (parsed === undefined) throw new ApiError(response.status, "The sandbox answered with something that is not JSON");
  return parsed as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  const s = search.toString();
  return s === "" ? "" : `?${s}`;
}

export function fileUrl(fileId: string): string {
  return `${SANDBOX_BASE}/control/files/${encodeURIComponent(fileId)}`;
}

export const api = {
  state: (signal?: AbortSignal): Promise<EmulatorState> => call("GET", "state", undefined, signal),
  createUser: (req: CreateUserRequest): Promise<SimulatedUser> => call("POST", "users", req),
  send: (req: SendRequest): Promise<SendResponse> => call("POST", "send", req),
  edit: (req: EditRequest): Promise<EditResponse> => call("POST", "edit", req),
  press: (req: PressRequest): Promise<PressResponse> => call("POST", "press", req),
  pay: (req: PayRequest): Promise<PayResponse> => call("POST", "pay", req),
  transcript: (params: { chat_id: number; after: number; wait: number; bot?: number }, signal?: AbortSignal): Promise<TranscriptEntry[]> =>
    call("GET", `transcript${query(params)}`, undefined, signal),
  commands: (params: { bot?: number; chat_id: number }, signal?: AbortSignal): Promise<CommandsResponse> =>
    call("GET", `commands${query(params)}`, undefined, signal),
};

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A file's bytes as base64 (without the data: URL prefix), for SendRequest photo/document. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.onload = () => {
      const url = typeof reader.result === "string" ? reader.result : "";
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.readAsDataURL(file);
  });
}
