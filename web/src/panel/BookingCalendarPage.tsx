import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { formatPrice, statusKey, type BookingStatus as Status } from "./booking-format.ts";
import { useT } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
import { useAction } from "./useAction.ts";
import "./settings-pages.css";
import "./booking-calendar.css";

interface CalendarBooking {
  id: number;
  status: Status;
  startsAt: string;
  endsAt: string;
  masterId: number;
  masterName: string;
  serviceId: number;
  serviceName: string;
  clientName: string;
  clientPhone: string | null;
  priceMinor: number;
  currency: string;
}

interface Interval {
  start: number;
  end: number;
}

interface CalendarAnswer {
  /** The location shown; null before the salon has any. */
  locationId: number | null;
  timeZone: string;
  masters: { id: number; name: string }[];
  workingHours: { masterId: number; date: string; intervals: Interval[] }[];
  bookings: CalendarBooking[];
  /** Hours taken out of a master's day (Time off page). */
  blocks: CalendarBlock[];
}

interface CalendarBlock {
  id: number;
  masterId: number;
  start: string;
  end: string;
  reason: string | null;
}

interface Catalogue {
  locations: { id: number; name: string; timeZone: string }[];
  services: { id: number; name: string; durationMin: number }[];
  masters: { id: number; name: string; locationId: number; serviceIds: number[] }[];
}

/** The location last shown on this device, so a salon with several opens where staff left it. */
const LOCATION_KEY = "botyard-booking-location";

function rememberedLocation(): number | undefined {
  const stored = Number(localStorage.getItem(LOCATION_KEY));
  return Number.isInteger(stored) && stored > 0 ? stored : undefined;
}

interface FreeSlot {
  start: string;
  time: string;
  endTime: string;
  masterId?: number;
}

/** 90 px an hour: a 45-minute visit still shows its time, service, client and status. Keep in step with the hour lines in booking-calendar.css. */
const PIXELS_PER_MINUTE = 1.5;
const DAY_MS = 86_400_000;

/** A calendar day as text, `2026-03-04`, moved by whole days. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week `date` falls in. */
function mondayOf(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** Where an instant falls on the salon's wall clock: its day and minutes after midnight. */
function zoned(iso: string, timeZone: string): { date: string; minutes: number; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: hour * 60 + minute, time: `${parts.hour}:${parts.minute}` };
}

function today(timeZone: string): string {
  return zoned(new Date().toISOString(), timeZone).date;
}

function dayTitle(date: string): string {
  return new Intl.DateTimeFormat(panelLocale(), { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(new Date(`${date}T12:00:00Z`));
}

/** Side-by-side lanes for bookings that overlap in one column: each booking's lane and how many lanes its group needs. */
function lanesOf(bookings: CalendarBooking[]): Map<number, { lane: number; lanes: number }> {
  const sorted = [...bookings].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const placed = new Map<number, { lane: number; lanes: number }>();
  let group: { id: number; lane: number }[] = [];
  let laneEnds: number[] = [];
  const close = () => {
    for (const member of group) placed.set(member.id, { lane: member.lane, lanes: laneEnds.length });
    group = [];
    laneEnds = [];
  };
  for (const booking of sorted) {
    const start = Date.parse(booking.startsAt);
    if (laneEnds.length > 0 && laneEnds.every((end) => end <= start)) close();
    let lane = laneEnds.findIndex((end) => end <= start);
    if (lane === -1) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = Date.parse(booking.endsAt);
    group.push({ id: booking.id, lane });
  }
  close();
  return placed;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** One column of the grid (a master's day, or a day of the week): working hours shaded, blocked hours hatched, bookings as blocks. */
function Column(props: {
  title: string;
  hours: Interval[];
  /** The day shown, for the blocks that begin or end on another. */
  date: string;
  blocks: CalendarBlock[];
  bookings: CalendarBooking[];
  timeZone: string;
  span: Interval;
  withMaster: boolean;
  onOpen: (booking: CalendarBooking) => void;
}) {
  const t = useT();
  const top = (minutes: number) => (minutes - props.span.start) * PIXELS_PER_MINUTE;
  const lanes = lanesOf(props.bookings);
  return (
    <div className="calendar-column" role="group" aria-label={props.title}>
      <div className="calendar-column-title">{props.title}</div>
      <div className="calendar-column-body" style={{ height: top(props.span.end) }}>
        {props.hours.map((interval) => (
          <div key={interval.start} className="calendar-working" style={{ top: top(interval.start), height: (interval.end - interval.start) * PIXELS_PER_MINUTE }} />
        ))}
        {props.blocks.map((block) => {
          const start = zoned(block.start, props.timeZone);
          const end = zoned(block.end, props.timeZone);
          const from = start.date === props.date ? start.minutes : props.span.start;
          const to = end.date === props.date ? end.minutes : props.span.end;
          if (to <= from) return null;
          const label = t(block.reason === null ? "booking-calendar-blocked-at" : "booking-calendar-blocked-at-because", { from: clock(from), to: clock(to), reason: block.reason ?? "" });
          return (
            <div key={block.id} className="calendar-blocked" role="note" aria-label={label} title={label} style={{ top: top(Math.max(from, props.span.start)), height: (Math.min(to, props.span.end) - Math.max(from, props.span.start)) * PIXELS_PER_MINUTE }}>
              <span>{block.reason === null ? t("booking-calendar-blocked") : t("booking-calendar-blocked-because", { reason: block.reason })}</span>
            </div>
          );
        })}
        {props.bookings.map((booking) => {
          const start = zoned(booking.startsAt, props.timeZone);
          const end = zoned(booking.endsAt, props.timeZone);
          const endMinutes = end.date === start.date ? end.minutes : 24 * 60;
          const { lane, lanes: laneCount } = lanes.get(booking.id) ?? { lane: 0, lanes: 1 };
          return (
            <button
              type="button"
              key={booking.id}
              className={`calendar-booking status-${booking.status}`}
              style={{
                top: top(start.minutes),
                height: Math.max(22, (endMinutes - start.minutes) * PIXELS_PER_MINUTE - 2),
                left: `calc(${(lane * 100) / laneCount}% + 2px)`,
                width: `calc(${100 / laneCount}% - 4px)`,
              }}
              onClick={() => props.onOpen(booking)}
              aria-label={t(props.withMaster ? "booking-calendar-booking-with-master" : "booking-calendar-booking", {
                time: start.time,
                service: booking.serviceName,
                client: booking.clientName,
                master: booking.masterName,
                status: t(statusKey(booking.status)),
              })}
            >
              <span>
                <strong>{start.time}</strong> {booking.serviceName}
              </span>
              <span>{booking.clientName}</span>
              {props.withMaster ? <span>{booking.masterName}</span> : null}
              <span className="calendar-status">{t(statusKey(booking.status))}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** The free times of a service on a day, as a select; empty until service, master and date are chosen. */
function FreeTimes(props: { serviceId: string; masterId: string; date: string; value: string; onChange: (start: string) => void; label: string }) {
  const t = useT();
  const query = new URLSearchParams({ service: props.serviceId, date: props.date, ...(props.masterId === "" ? {} : { master: props.masterId }) }).toString();
  const slots = useQuery({
    queryKey: ["booking-slots", query],
    queryFn: () => api<{ slots: FreeSlot[] }>(`/api/booking/slots?${query}`),
    enabled: props.serviceId !== "" && props.masterId !== "" && props.date !== "",
  });
  const free = slots.data?.slots ?? [];
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(event) => props.onChange(event.target.value)} disabled={free.length === 0}>
        <option value="">{slots.isFetching ? t("panel-loading") : free.length === 0 ? t("booking-calendar-no-free-times") : t("booking-calendar-choose-time")}</option>
        {free.map((slot) => (
          <option key={slot.start} value={slot.start}>
            {t("booking-calendar-slot", { from: slot.time, to: slot.endTime })}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The client a card's "Book a visit" sent here (`?client=<id>`), if any. */
function clientFromAddress(): number | undefined {
  const id = Number(new URLSearchParams(window.location.search).get("client"));
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** "New booking": a walk-in or a phone call, booked into a free time by name and phone; or a known client, from their card. */
function NewBookingForm({ catalogue, date, onBooked }: { catalogue: Catalogue; date: string; onBooked: (date: string) => void }) {
  const t = useT();
  const [clientId, setClientId] = useState(clientFromAddress);
  const known = useQuery({ queryKey: ["booking-client", clientId], queryFn: () => api<{ name: string; phone: string | null }>(`/api/booking/clients/${clientId}`), enabled: clientId !== undefined });
  const [serviceId, setServiceId] = useState("");
  const [masterId, setMasterId] = useState("");
  const [day, setDay] = useState(date);
  const [start, setStart] = useState("");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const action = useAction(["booking-calendar", "booking-slots"]);
  const masters = catalogue.masters.filter((master) => master.serviceIds.includes(Number(serviceId)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.run(async () => {
      const client = clientId === undefined ? { name, phone } : { clientId };
      await api("/api/booking/bookings", { body: { serviceId: Number(serviceId), masterId: Number(masterId), start, ...client } });
      setStart("");
      setName("");
      setPhone("");
      onBooked(day);
      setClientId(undefined);
    }, t("booking-calendar-booked", { name: clientId === undefined ? name : (known.data?.name ?? "") }));
  };

  return (
    <form className="card booking-form" onSubmit={submit} aria-labelledby="new-booking-title">
      <h2 id="new-booking-title">{t("booking-calendar-new")}</h2>
      <div className="booking-form-fields">
        <label>
          {t("booking-calendar-service")}
          <select
            value={serviceId}
            required
            onChange={(event) => {
              setServiceId(event.target.value);
              setMasterId("");
              setStart("");
            }}
          >
            <option value="">{t("booking-calendar-choose")}</option>
            {catalogue.services.map((service) => (
              <option key={service.id} value={service.id}>
                {t("booking-calendar-service-option", { name: service.name, minutes: service.durationMin })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("booking-calendar-master")}
          <select
            value={masterId}
            required
            onChange={(event) => {
              setMasterId(event.target.value);
              setStart("");
            }}
          >
            <option value="">{t("booking-calendar-choose")}</option>
            {masters.map((master) => (
              <option key={master.id} value={master.id}>
                {master.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("booking-calendar-date")}
          <input
            type="date"
            value={day}
            required
            onChange={(event) => {
              setDay(event.target.value);
              setStart("");
            }}
          />
        </label>
        <FreeTimes label={t("booking-calendar-time")} serviceId={serviceId} masterId={masterId} date={day} value={start} onChange={setStart} />
        {clientId === undefined ? (
          <>
            <label>
              {t("booking-calendar-client-name")}
              <input value={name} maxLength={100} required onChange={(event) => setName(event.target.value)} />
            </label>
            <label>
              {t("booking-calendar-client-phone")}
              <input type="tel" value={phone} placeholder={t("booking-calendar-phone-hint")} required onChange={(event) => setPhone(event.target.value)} />
            </label>
          </>
        ) : (
          <p className="booking-for-client">
            {t("booking-calendar-for-client", { name: known.data?.name ?? "…", phone: known.data?.phone ?? "—" })}
            <button type="button" className="link" onClick={() => setClientId(undefined)}>
              {t("booking-calendar-other-client")}
            </button>
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy || start === ""}>
          {t("booking-calendar-book")}
        </button>
      </div>
      <ActionMessage message={action.message} />
    </form>
  );
}

/** A booking's details, with Cancel and Move to another free time (also with another master). */
function BookingDetails({ booking, catalogue, timeZone, onClose }: { booking: CalendarBooking; catalogue: Catalogue; timeZone: string; onClose: () => void }) {
  const t = useT();
  const start = zoned(booking.startsAt, timeZone);
  const [masterId, setMasterId] = useState(String(booking.masterId));
  const [day, setDay] = useState(start.date);
  const [newStart, setNewStart] = useState("");
  const action = useAction(["booking-calendar", "booking-slots"]);
  const open = booking.status === "pending" || booking.status === "confirmed";
  // A visit is marked once it has begun, as in the bot.
  const markable = booking.status === "confirmed" && new Date(booking.startsAt).getTime() <= Date.now();
  const markAs = (outcome: "done" | "no_show") => action.run(() => api(`/api/booking/bookings/${booking.id}/mark`, { body: { outcome } }).then(onClose), t("booking-calendar-marked"));
  const masters = catalogue.masters.filter((master) => master.serviceIds.includes(booking.serviceId));
  const price = formatPrice(booking.priceMinor, booking.currency);

  return (
    <section className="card booking-details" aria-labelledby="booking-details-title">
      <h2 id="booking-details-title">
        {t("booking-calendar-details-title", { service: booking.serviceName, day: dayTitle(start.date), time: start.time })}
      </h2>
      <dl>
        <dt>{t("booking-calendar-client")}</dt>
        <dd>
          {booking.clientName}
          {booking.clientPhone === null ? null : (
            <>
              {t("booking-calendar-separator")}
              <a href={`tel:${booking.clientPhone}`}>{booking.clientPhone}</a>
            </>
          )}
        </dd>
        <dt>{t("booking-calendar-master")}</dt>
        <dd>{booking.masterName}</dd>
        <dt>{t("booking-calendar-price")}</dt>
        <dd>{price}</dd>
        <dt>{t("booking-calendar-status")}</dt>
        <dd>{t(statusKey(booking.status))}</dd>
      </dl>
      {open ? (
        <>
          <fieldset className="booking-form-fields">
            <legend>{t("booking-calendar-move-title")}</legend>
            <label>
              {t("booking-calendar-master")}
              <select
                value={masterId}
                onChange={(event) => {
                  setMasterId(event.target.value);
                  setNewStart("");
                }}
              >
                {masters.map((master) => (
                  <option key={master.id} value={master.id}>
                    {master.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("booking-calendar-date")}
              <input
                type="date"
                value={day}
                onChange={(event) => {
                  setDay(event.target.value);
                  setNewStart("");
                }}
              />
            </label>
            <FreeTimes label={t("booking-calendar-new-time")} serviceId={String(booking.serviceId)} masterId={masterId} date={day} value={newStart} onChange={setNewStart} />
          </fieldset>
          <div className="actions">
            {markable ? (
              <>
                <button type="button" className="primary" disabled={action.busy} onClick={() => markAs("done")}>
                  {t("booking-calendar-mark-done")}
                </button>
                <button type="button" disabled={action.busy} onClick={() => markAs("no_show")}>
                  {t("booking-calendar-mark-no-show")}
                </button>
              </>
            ) : null}
            <button
              type="button"
              className="primary"
              disabled={action.busy || newStart === ""}
              onClick={() => action.run(() => api(`/api/booking/bookings/${booking.id}/move`, { body: { start: newStart, masterId: Number(masterId) } }).then(onClose), t("booking-calendar-moved"))}
            >
              {t("booking-calendar-move")}
            </button>
            <button
              type="button"
              disabled={action.busy}
              onClick={() => {
                if (window.confirm(t("booking-calendar-cancel-confirm", { client: booking.clientName, service: booking.serviceName }))) {
                  action.run(() => api(`/api/booking/bookings/${booking.id}/cancel`, { body: {} }).then(onClose), t("booking-calendar-cancelled"));
                }
              }}
            >
              {t("booking-calendar-cancel")}
            </button>
            <button type="button" onClick={onClose}>
              {t("booking-calendar-close")}
            </button>
          </div>
        </>
      ) : (
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t("booking-calendar-close")}
          </button>
        </div>
      )}
      <ActionMessage message={action.message} />
    </section>
  );
}

/**
 * Bookings: the salon's day (a column per master) or week (a column per day) with each booking's
 * client, service and status; a walk-in booked into a free time; a booking cancelled or moved
 * from its details. On a phone the grid scrolls sideways.
 */
export function BookingCalendarPage() {
  const t = useT();
  const catalogue = useQuery({ queryKey: ["booking-catalogue"], queryFn: () => api<Catalogue>("/api/booking/catalogue") });
  const [chosenLocation, setChosenLocation] = useState(rememberedLocation);
  const locations = catalogue.data?.locations ?? [];
  // A location closed (or of another bot) since it was remembered: the server's default instead.
  const location = locations.find((candidate) => candidate.id === chosenLocation);
  const chooseLocation = (id: number) => {
    localStorage.setItem(LOCATION_KEY, String(id));
    setChosenLocation(id);
  };
  const zone = location?.timeZone ?? locations[0]?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [view, setView] = useState<"day" | "week">("day");
  const [chosenDate, setDate] = useState<string | undefined>();
  const [creating, setCreating] = useState(() => clientFromAddress() !== undefined);
  const [openId, setOpenId] = useState<number | undefined>();
  const date = chosenDate ?? today(zone);
  const from = view === "day" ? date : mondayOf(date);
  const to = view === "day" ? date : addDays(from, 6);
  const calendar = useQuery({
    queryKey: ["booking-calendar", from, to, location?.id],
    queryFn: () => api<CalendarAnswer>(`/api/booking/calendar?from=${from}&to=${to}${location === undefined ? "" : `&location=${location.id}`}`),
    enabled: catalogue.data !== undefined,
  });
  const data = calendar.data;
  const opened = data?.bookings.find((booking) => booking.id === openId);
  // A walk-in is booked with a master of the location shown.
  const catalogueHere = catalogue.data === undefined || data?.locationId == null ? undefined : { ...catalogue.data, masters: catalogue.data.masters.filter((master) => master.locationId === data.locationId) };

  const allMinutes = [
    ...(data?.workingHours.flatMap((day) => day.intervals.flatMap((interval) => [interval.start, interval.end])) ?? []),
    ...(data?.bookings.flatMap((booking) => [zoned(booking.startsAt, data.timeZone).minutes, zoned(booking.endsAt, data.timeZone).minutes || 24 * 60]) ?? []),
  ];
  const span: Interval = {
    start: Math.floor(Math.min(9 * 60, ...allMinutes) / 60) * 60,
    end: Math.ceil(Math.max(18 * 60, ...allMinutes) / 60) * 60,
  };
  const hours = Array.from({ length: (span.end - span.start) / 60 }, (_, index) => span.start + index * 60);
  const step = view === "day" ? 1 : 7;

  return (
    <section className="settings-page booking-calendar-page">
      <h1>{t("booking-nav-bookings")}</h1>
      <div className="toolbar booking-toolbar">
        <div className="segmented" role="group" aria-label={t("booking-calendar-view")}>
          <button type="button" aria-pressed={view === "day"} onClick={() => setView("day")}>
            {t("booking-calendar-day")}
          </button>
          <button type="button" aria-pressed={view === "week"} onClick={() => setView("week")}>
            {t("booking-calendar-week")}
          </button>
        </div>
        <button type="button" aria-label={view === "day" ? t("booking-calendar-previous-day") : t("booking-calendar-previous-week")} onClick={() => setDate(addDays(date, -step))}>
          {t("booking-calendar-previous-sign")}
        </button>
        <button type="button" onClick={() => setDate(undefined)}>
          {t("booking-calendar-today")}
        </button>
        <button type="button" aria-label={view === "day" ? t("booking-calendar-next-day") : t("booking-calendar-next-week")} onClick={() => setDate(addDays(date, step))}>
          {t("booking-calendar-next-sign")}
        </button>
        <label>
          {t("booking-calendar-date")}
          <input type="date" value={date} onChange={(event) => setDate(event.target.value === "" ? undefined : event.target.value)} />
        </label>
        {locations.length > 1 ? (
          <label>
            {t("booking-calendar-location")}
            <select value={location?.id ?? data?.locationId ?? ""} onChange={(event) => chooseLocation(Number(event.target.value))}>
              {locations.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" className="primary" onClick={() => setCreating(!creating)} aria-expanded={creating}>
          {t("booking-calendar-new")}
        </button>
      </div>
      {creating && catalogue.data !== undefined ? (
        <NewBookingForm
          catalogue={catalogueHere ?? catalogue.data}
          date={date}
          onBooked={(day) => {
            setDate(day);
            setView("day");
          }}
        />
      ) : null}
      {opened !== undefined && catalogue.data !== undefined && data !== undefined ? (
        <BookingDetails key={opened.id} booking={opened} catalogue={catalogue.data} timeZone={data.timeZone} onClose={() => setOpenId(undefined)} />
      ) : null}
      <h2 className="calendar-title">{view === "day" ? dayTitle(date) : t("booking-calendar-week-title", { from: dayTitle(from), to: dayTitle(to) })}</h2>
      {calendar.isError ? <p className="error">{calendar.error.message}</p> : null}
      {data === undefined ? (
        <p className="hint">{t("panel-loading")}</p>
      ) : (
        <div className="calendar-scroll">
          <div className={view === "week" ? "calendar-grid calendar-week" : "calendar-grid"} aria-label={view === "day" ? t("booking-calendar-day-by-master") : t("booking-calendar-week-by-day")}>
            <div className="calendar-axis" aria-hidden="true">
              <div className="calendar-column-title" />
              <div className="calendar-column-body" style={{ height: (span.end - span.start) * PIXELS_PER_MINUTE }}>
                {hours.map((hour) => (
                  <span key={hour} style={{ top: (hour - span.start) * PIXELS_PER_MINUTE }}>
                    {clock(hour)}
                  </span>
                ))}
              </div>
            </div>
            {view === "day"
              ? data.masters.map((master) => (
                  <Column
                    key={master.id}
                    title={master.name}
                    hours={data.workingHours.find((day) => day.masterId === master.id && day.date === date)?.intervals ?? []}
                    date={date}
                    blocks={(data.blocks ?? []).filter((block) => block.masterId === master.id)}
                    bookings={data.bookings.filter((booking) => booking.masterId === master.id)}
                    timeZone={data.timeZone}
                    span={span}
                    withMaster={false}
                    onOpen={(booking) => setOpenId(booking.id)}
                  />
                ))
              : Array.from({ length: 7 }, (_, index) => addDays(from, index)).map((day) => (
                  <Column
                    key={day}
                    title={dayTitle(day)}
                    hours={[]}
                    date={day}
                    blocks={(data.blocks ?? []).filter((block) => zoned(block.start, data.timeZone).date <= day && day <= zoned(block.end, data.timeZone).date)}
                    bookings={data.bookings.filter((booking) => zoned(booking.startsAt, data.timeZone).date === day)}
                    timeZone={data.timeZone}
                    span={span}
                    withMaster
                    onOpen={(booking) => setOpenId(booking.id)}
                  />
                ))}
          </div>
        </div>
      )}
      {data !== undefined && data.bookings.length === 0 ? <p className="hint">{view === "day" ? t("booking-calendar-none-day") : t("booking-calendar-none-week")}</p> : null}
    </section>
  );
}
