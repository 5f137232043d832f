/**
 * Bookings as iCalendar (RFC 5545): a client's `.ics` file for one visit, and a master's feed of
 * many that their calendar app subscribes to.
 *
 * Times are written as UTC instants (`DTSTART:20261025T003000Z`) and the location's zone is
 * announced once on the calendar as `X-WR-TIMEZONE`. The instant is then right in every calendar
 * app whatever it makes of zones, and the apps that read `X-WR-TIMEZONE` (Google, Apple, Outlook)
 * show the calendar in the salon's zone. The alternative, `DTSTART;TZID=...`, obliges the file to
 * carry a `VTIMEZONE` with every daylight-saving rule of that zone, and a wrong one moves visits.
 *
 * The text is written here by hand, so the tests can check it with an independent parser.
 */
import type { BookingStatus } from "./status.ts";

/** One booking as a calendar shows it; the caller has already put the texts in the reader's language. */
export interface BookingForCalendar {
  bookingId: string;
  botId: string;
  /** When the visit starts and ends, as instants. */
  start: Date;
  end: Date;
  status: BookingStatus;
  /**
   * Rises by one with every move or reschedule. A calendar app keeps the copy with the higher
   * number, so without it an app may keep showing the old time.
   */
  sequence: number;
  serviceName: string;
  masterName: string;
  /** The location's address, if it has one. */
  address?: string;
  /** Free text under the event: price, how to cancel, the salon's phone... */
  description?: string;
  /** When the booking last changed; becomes `DTSTAMP`, which apps use to tell versions apart. */
  revisedAt: Date;
}

/** A `VEVENT` ready to go into a calendar, made by {@link eventOf}. */
export interface CalendarEvent {
  readonly uid: string;
  /** Content lines, unfolded and without line endings. */
  readonly lines: readonly string[];
}

export interface CalendarOptions {
  /** The calendar's name in the app (`X-WR-CALNAME`), e.g. "Anna — bookings". */
  name: string;
  /** Who made the file, in RFC 5545's form, e.g. {@link BOOKING_PRODID}. */
  prodId: string;
  /** IANA zone the calendar is meant in, e.g. the location's `"Europe/Berlin"`. */
  timeZone: string;
  /**
   * For a feed: how often a subscribed app should fetch it again, in minutes. Written as
   * `REFRESH-INTERVAL` (RFC 7986) and `X-PUBLISHED-TTL` (what Outlook and Apple read).
   */
  refreshIntervalMin?: number;
}

/** The `PRODID` of every calendar Botyard's booking module writes. */
export const BOOKING_PRODID = "-//Botyard//Booking//EN";

const STATUS_IN_CALENDAR: Record<BookingStatus, "TENTATIVE" | "CONFIRMED" | "CANCELLED"> = {
  pending: "TENTATIVE",
  confirmed: "CONFIRMED",
  // The visit happened (or was due); the calendar keeps it where it was.
  done: "CONFIRMED",
  no_show: "CONFIRMED",
  cancelled: "CANCELLED",
};

const MAX_LINE_OCTETS = 75;

/**
 * The UID of a booking's event. It never changes when the booking moves, so a calendar app
 * updates the event it already has instead of adding a second one.
 */
export function bookingUid(botId: string, bookingId: string): string {
  return `booking-${bookingId}@${botId}.botyard`;
}

/** A booking as a calendar event. A cancelled booking stays an event with `STATUS:CANCELLED`, so apps remove or strike it. */
export function eventOf(booking: BookingForCalendar): CalendarEvent {
  const uid = bookingUid(booking.botId, booking.bookingId);
  const lines = [
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${utcDateTime(booking.revisedAt)}`,
    `DTSTART:${utcDateTime(booking.start)}`,
    `DTEND:${utcDateTime(booking.end)}`,
    `SEQUENCE:${booking.sequence}`,
    `STATUS:${STATUS_IN_CALENDAR[booking.status]}`,
    `SUMMARY:${escapeText(`${booking.serviceName} — ${booking.masterName}`)}`,
  ];
  if (booking.address !== undefined && booking.address !== "") lines.push(`LOCATION:${escapeText(booking.address)}`);
  if (booking.description !== undefined && booking.description !== "") lines.push(`DESCRIPTION:${escapeText(booking.description)}`);
  // A cancelled visit no longer blocks the time in free/busy views.
  lines.push(`TRANSP:${booking.status === "cancelled" ? "TRANSPARENT" : "OPAQUE"}`, "END:VEVENT");
  return { uid, lines };
}

/**
 * A whole calendar, folded and with CRLF line endings: serve it as `text/calendar; charset=utf-8`.
 * One event makes a client's `.ics` file; a master's feed passes all of theirs (an empty feed is a
 * valid, empty calendar to every app).
 */
export function calendarOf(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${escapeText(options.prodId)}`,
    "CALSCALE:GREGORIAN",
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${escapeText(options.timeZone)}`,
  ];
  if (options.refreshIntervalMin !== undefined) {
    const interval = `PT${Math.max(1, Math.round(options.refreshIntervalMin))}M`;
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${interval}`, `X-PUBLISHED-TTL:${interval}`);
  }
  for (const event of events) lines.push(...event.lines);
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** `2026-10-25T00:30:00.000Z` -> `20261025T003000Z`; parts of a second are dropped. */
export function utcDateTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every kind of line
 * break written `\n`, and control characters other than tab (which the format forbids) dropped.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/\p{Cc}/gu, (control) => (control === "\t" ? control : ""));
}

/**
 * Splits a content line so no physical line exceeds 75 octets of UTF-8 (RFC 5545 3.1), each
 * continuation starting with a space. It splits between characters only, never inside one.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = utf8Octets(character.codePointAt(0) ?? 0);
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n");
}

function utf8Octets(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}
