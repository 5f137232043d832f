import assert from "node:assert/strict";
import { describe, test } from "node:test";
import ICAL from "ical.js";
import {
  BOOKING_PRODID,
  calendarOf,
  eventOf,
  foldLine,
  type BookingForCalendar,
  type CalendarOptions,
} from "../../../../src/modules/booking/domain/ical.ts";
import { zonedDateTimeToInstant } from "../../../../src/platform/domain/zoned-time.ts";
import { BERLIN, TASHKENT, at } from "./fixtures.ts";

function wallTime(date: string, minutes: number, timeZone: string): Date {
  const instant = zonedDateTimeToInstant(date, minutes, timeZone);
  assert.ok(instant !== null, `${date} ${minutes} exists in ${timeZone}`);
  return instant;
}

/** Anna cuts hair in Berlin; the visit at 02:30 on the night summer time ends lasts into winter time. */
function booking(overrides: Partial<BookingForCalendar> = {}): BookingForCalendar {
  const start = wallTime("2026-10-25", at(2, 30), BERLIN);
  return {
    bookingId: "42",
    botId: "salon",
    start,
    end: new Date(start.getTime() + 90 * 60_000),
    status: "confirmed",
    sequence: 0,
    serviceName: "Haircut",
    masterName: "Anna",
    address: "Torstraße 1, Berlin",
    description: "Price: 25 EUR",
    revisedAt: new Date("2026-10-01T09:00:00Z"),
    ...overrides,
  };
}

const berlinFile: CalendarOptions = { name: "My visit", prodId: BOOKING_PRODID, timeZone: BERLIN };

// ical.js knows only RFC 5545's own properties; calendar apps read X-WR-CALNAME as TEXT, so does this test.
(ICAL.design.icalendar.property as Record<string, { defaultType: string }>)["x-wr-calname"] = { defaultType: "text" };

/** Parses with Mozilla's ical.js, which shares no code with the generator. */
function parsed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const events = calendar.getAllSubcomponents("vevent");
  return { calendar, events, event: (index = 0) => new ICAL.Event(events[index]) };
}

function only(text: string) {
  const { calendar, events, event } = parsed(text);
  assert.equal(events.length, 1);
  return { calendar, vevent: events[0]!, event: event(0) };
}

describe("a booking as an .ics file", () => {
  test("starts and ends at the booking's instants, across Berlin's change to winter time", () => {
    const visit = booking();
    assert.equal(visit.start.toISOString(), "2026-10-25T00:30:00.000Z"); // 02:30, still summer time
    const { event } = only(calendarOf([eventOf(visit)], berlinFile));
    assert.equal(event.startDate.toJSDate().getTime(), visit.start.getTime());
    assert.equal(event.endDate.toJSDate().getTime(), visit.end.getTime());
    assert.equal(event.duration.toSeconds(), 90 * 60);
    assert.equal(event.startDate.zone?.tzid, "UTC");
  });

  test("is right in Tashkent too, and announces the location's time zone", () => {
    const start = wallTime("2026-06-15", at(10), TASHKENT);
    const visit = booking({ start, end: new Date(start.getTime() + 60 * 60_000) });
    const text = calendarOf([eventOf(visit)], { ...berlinFile, timeZone: TASHKENT });
    const { calendar, event } = only(text);
    assert.equal(event.startDate.toJSDate().toISOString(), "2026-06-15T05:00:00.000Z");
    assert.equal(event.endDate.toJSDate().toISOString(), "2026-06-15T06:00:00.000Z");
    assert.equal(calendar.getFirstPropertyValue("x-wr-timezone"), TASHKENT);
    assert.equal(calendar.getFirstPropertyValue("prodid"), BOOKING_PRODID);
    assert.equal(calendar.getFirstPropertyValue("version"), "2.0");
  });

  test("names the service and the master, the address and the description", () => {
    const { vevent, event } = only(calendarOf([eventOf(booking())], berlinFile));
    assert.equal(event.summary, "Haircut — Anna");
    assert.equal(event.location, "Torstraße 1, Berlin");
    assert.equal(event.description, "Price: 25 EUR");
    assert.equal(String(vevent.getFirstPropertyValue("dtstamp")), "2026-10-01T09:00:00Z");
  });

  test("leaves out an address and a description the booking does not have", () => {
    const { vevent } = only(calendarOf([eventOf(booking({ address: undefined, description: "" }))], berlinFile));
    assert.equal(vevent.getFirstProperty("location"), null);
    assert.equal(vevent.getFirstProperty("description"), null);
  });

  test("keeps its UID when the booking moves, and its SEQUENCE rises", () => {
    const before = booking();
    const movedStart = wallTime("2026-10-26", at(11), BERLIN);
    const after = booking({ start: movedStart, end: new Date(movedStart.getTime() + 90 * 60_000), sequence: 1, revisedAt: new Date("2026-10-02T10:00:00Z") });
    const first = only(calendarOf([eventOf(before)], berlinFile)).event;
    const second = only(calendarOf([eventOf(after)], berlinFile)).event;
    assert.equal(first.uid, "booking-42@salon.botyard");
    assert.equal(second.uid, first.uid);
    assert.ok(second.sequence > first.sequence);
    assert.equal(second.startDate.toJSDate().getTime(), movedStart.getTime());
  });

  test("says CONFIRMED, TENTATIVE while pending, and CANCELLED after a cancel", () => {
    const statusOf = (visit: BookingForCalendar) => only(calendarOf([eventOf(visit)], berlinFile)).vevent.getFirstPropertyValue("status");
    assert.equal(statusOf(booking({ status: "confirmed" })), "CONFIRMED");
    assert.equal(statusOf(booking({ status: "pending" })), "TENTATIVE");
    const cancelled = only(calendarOf([eventOf(booking({ status: "cancelled", sequence: 1 }))], berlinFile));
    assert.equal(cancelled.vevent.getFirstPropertyValue("status"), "CANCELLED");
    assert.equal(cancelled.vevent.getFirstPropertyValue("transp"), "TRANSPARENT");
    assert.equal(cancelled.event.uid, "booking-42@salon.botyard");
  });

  test("escapes commas, semicolons, backslashes and line breaks so they come back unchanged", () => {
    const visit = booking({
      serviceName: "Cut, wash; style",
      masterName: "Anna \\ Berta",
      address: "Hof 2; 3rd floor, left",
      description: "Line one,\nline two;\r\nline three \\n is not a break",
    });
    const text = calendarOf([eventOf(visit)], { ...berlinFile, name: "Anna, Berta; salon" });
    assert.ok(text.includes("SUMMARY:Cut\\, wash\\; style — Anna \\\\ Berta"), text);
    const { calendar, event } = only(text);
    assert.equal(event.summary, "Cut, wash; style — Anna \\ Berta");
    assert.equal(event.location, "Hof 2; 3rd floor, left");
    assert.equal(event.description, "Line one,\nline two;\nline three \\n is not a break");
    assert.equal(calendar.getFirstPropertyValue("x-wr-calname"), "Anna, Berta; salon");
  });

  test("drops control characters, which iCalendar text may not hold, and keeps tabs", () => {
    const { event } = only(calendarOf([eventOf(booking({ description: "a\u0007b\tc" }))], berlinFile));
    assert.equal(event.description, "ab\tc");
  });

  test("folds a long Cyrillic description at 75 octets without splitting a character, and it round-trips", () => {
    const description =
      "Здравствуйте! Ждём вас в салоне «Берёзка» на стрижку и укладку. Пожалуйста, приходите за десять минут, " +
      "возьмите с собой сменную обувь 👟 и не забудьте: отменить или перенести запись можно не позднее чем за 24 часа.";
    const text = calendarOf([eventOf(booking({ description }))], berlinFile);
    const physical = text.split("\r\n");
    assert.equal(physical.pop(), "", "the file ends with CRLF");
    assert.ok(physical.every((line) => !line.includes("\n") && !line.includes("\r")), "every line ends with CRLF");
    assert.ok(physical.every((line) => Buffer.byteLength(line, "utf8") <= 75), "no line is longer than 75 octets");
    assert.ok(physical.every((line) => Buffer.from(line, "utf8").toString("utf8") === line), "no character is split");
    const descriptionLines = physical.slice(physical.findIndex((line) => line.startsWith("DESCRIPTION:")));
    assert.ok(descriptionLines[1]?.startsWith(" "), "the description continues on folded lines");
    assert.equal(only(text).event.description, description);
  });
});

describe("folding a content line", () => {
  test("leaves a line of exactly 75 octets alone and splits one of 76", () => {
    assert.equal(foldLine("x".repeat(75)), "x".repeat(75));
    assert.equal(foldLine("x".repeat(76)), `${"x".repeat(75)}\r\n x`);
  });

  test("moves a two-octet letter that would straddle the limit to the next line", () => {
    const folded = foldLine(`${"x".repeat(74)}ж`);
    assert.equal(folded, `${"x".repeat(74)}\r\n ж`);
  });
});

describe("a master's feed", () => {
  const feedOptions: CalendarOptions = { name: "Anna — bookings", prodId: BOOKING_PRODID, timeZone: BERLIN, refreshIntervalMin: 30 };

  test("carries every booking as its own event at its own instants", () => {
    const visits = [
      booking(),
      booking({ bookingId: "43", status: "pending", start: new Date("2026-10-26T08:00:00Z"), end: new Date("2026-10-26T09:00:00Z") }),
      booking({ bookingId: "44", status: "cancelled", start: new Date("2026-10-27T08:00:00Z"), end: new Date("2026-10-27T08:30:00Z") }),
    ];
    const feed = parsed(calendarOf(visits.map(eventOf), feedOptions));
    assert.equal(feed.events.length, 3);
    visits.forEach((visit, index) => {
      const event = feed.event(index);
      assert.equal(event.uid, `booking-${visit.bookingId}@salon.botyard`);
      assert.equal(event.startDate.toJSDate().getTime(), visit.start.getTime());
      assert.equal(event.endDate.toJSDate().getTime(), visit.end.getTime());
    });
    assert.deepEqual(
      feed.events.map((vevent) => vevent.getFirstPropertyValue("status")),
      ["CONFIRMED", "TENTATIVE", "CANCELLED"],
    );
    assert.equal(feed.calendar.getFirstPropertyValue("x-wr-timezone"), BERLIN);
    assert.equal(feed.calendar.getFirstPropertyValue("x-wr-calname"), "Anna — bookings");
    assert.equal(String(feed.calendar.getFirstPropertyValue("refresh-interval")), "PT30M");
  });

  test("with no bookings is still a calendar", () => {
    const feed = parsed(calendarOf([], feedOptions));
    assert.equal(feed.events.length, 0);
    assert.equal(feed.calendar.name, "vcalendar");
  });
});
