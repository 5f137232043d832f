/**
 * The message fields a stored file becomes (photo sizes, document, voice, video, sticker) and the
 * checks on what a location or an album may hold, shared by the Bot API and the control API.
 */
import { imageSize, randomToken, type FileRecord } from "./state.ts";

/** Telegram's album size: sendMediaGroup takes 2 to 10 items. */
export const ALBUM_MIN = 2;
export const ALBUM_MAX = 10;

/** Mime types a sticker file may have: static (.WEBP), animated (.TGS) or video (.WEBM). */
export const STICKER_TYPES = new Set(["image/webp", "application/x-tgsticker", "video/webm"]);

export function photoSizes(file: FileRecord): unknown[] {
  const { width, height } = imageSize(file.bytes);
  return [{ file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.bytes.length, width, height }];
}

export function documentOf(file: FileRecord): unknown {
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    file_name: file.file_name ?? file.file_path.split("/").pop(),
    mime_type: file.mime_type,
    file_size: file.bytes.length,
  };
}

export function voiceOf(file: FileRecord, duration: number): unknown {
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    duration,
    mime_type: file.mime_type === "application/octet-stream" ? "audio/ogg" : file.mime_type,
    file_size: file.bytes.length,
  };
}

/** A video's duration and size are what its sender states, as the Bot API takes them. */
export function videoOf(file: FileRecord, stated: { duration?: number | undefined; width?: number | undefined; height?: number | undefined }): unknown {
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    width: stated.width ?? 0,
    height: stated.height ?? 0,
    duration: stated.duration ?? 0,
    ...(file.file_name !== undefined ? { file_name: file.file_name } : {}),
    mime_type: file.mime_type === "application/octet-stream" ? "video/mp4" : file.mime_type,
    file_size: file.bytes.length,
  };
}

export function stickerOf(file: FileRecord, emoji: string | undefined): unknown {
  const { width, height } = file.mime_type === "image/webp" ? imageSize(file.bytes) : { width: 512, height: 512 };
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    type: "regular",
    width: width || 512,
    height: height || 512,
    is_animated: file.mime_type === "application/x-tgsticker",
    is_video: file.mime_type === "video/webm",
    ...(emoji !== undefined && emoji !== "" ? { emoji } : {}),
    file_size: file.bytes.length,
  };
}

export interface LocationInput {
  latitude: unknown;
  longitude: unknown;
  horizontal_accuracy?: unknown;
  live_period?: unknown;
  heading?: unknown;
  proximity_alert_radius?: unknown;
}

/** A Location as Telegram stores it, or the reason it is refused (`coordinates` when they are the fault). */
export function locationOf(input: LocationInput): { location: Record<string, number> } | { problem: string; coordinates: boolean } {
  const lat = toNumber(input.latitude);
  const lon = toNumber(input.longitude);
  if (lat === undefined || lat < -90 || lat > 90) return { problem: "latitude must be a number from -90 to 90", coordinates: true };
  if (lon === undefined || lon < -180 || lon > 180) return { problem: "longitude must be a number from -180 to 180", coordinates: true };
  const location: Record<string, number> = { latitude: lat, longitude: lon };
  const ranges: [keyof LocationInput, number, number][] = [
    ["horizontal_accuracy", 0, 1500],
    ["live_period", 60, 0x7fffffff],
    ["heading", 1, 360],
    ["proximity_alert_radius", 1, 100_000],
  ];
  for (const [name, min, max] of ranges) {
    if (input[name] === undefined || input[name] === null || input[name] === "") continue;
    const value = toNumber(input[name]);
    if (value === undefined || value < min || value > max) return { problem: `${name} must be a number from ${min} to ${max}`, coordinates: false };
    location[name] = value;
  }
  return { location };
}

function toNumber(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A fresh media_group_id: the decimal text of a positive 64-bit number, as Telegram's are. */
export function newMediaGroupId(): string {
  const n = BigInt(`0x${Buffer.from(randomToken(8), "base64url").toString("hex")}`) & 0x7fff_ffff_ffff_ffffn;
  return String(n === 0n ? 1n : n);
}
