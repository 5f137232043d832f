import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { formatPrice, parsePrice, priceText } from "./booking-format.ts";
import { MasterRoleOffer } from "./MasterRoleOffer.tsx";
import { useAction } from "./useAction.ts";
import { useT } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
import "./settings-pages.css";
import "./booking-calendar.css";
import "./booking-salon.css";

interface Interval {
  start: number;
  end: number;
}

interface Location {
  id: number;
  name: string;
  address: string | null;
  timeZone: string;
  active: boolean;
}

type RuleKey = "minNoticeMin" | "horizonDays" | "cancelWindowMin" | "rescheduleWindowMin" | "maxReschedules" | "maxActivePerClient";

interface Service {
  id: number;
  name: string;
  description: string | null;
  durationMin: number;
  priceMinor: number;
  currency: string;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  slotStepMin: number;
  capacity: number;
  prepaymentMinor: number | null;
  ruleOverrides: Partial<Record<RuleKey, number>>;
  active: boolean;
}

interface Offer {
  serviceId: number;
  durationMin: number | null;
  priceMinor: number | null;
}

interface Master {
  id: number;
  name: string;
  locationId: number;
  telegramId: number | null;
  active: boolean;
  offers: Offer[];
  weekly: Partial<Record<string, Interval[]>>;
}

type Rules = Record<RuleKey, number> & { reminderOffsetsMin: number[]; holdMin: number };

interface Salon {
  locations: Location[];
  services: Service[];
  masters: Master[];
  rules: Rules;
}

/** A booking still to come that a change left for the admin to move. */
interface LeftBooking {
  id: number;
  startsAt: string;
  serviceName: string;
  clientName: string;
  timeZone: string;
}

/** The booking rules, each labelled by `booking-salon-rule-<key>` in the catalogue. */
const RULES: { key: RuleKey }[] = [
  { key: "minNoticeMin" },
  { key: "horizonDays" },
  { key: "cancelWindowMin" },
  { key: "rescheduleWindowMin" },
  { key: "maxReschedules" },
  { key: "maxActivePerClient" },
];

/** Monday first, each day's name in the panel's language (2024-01-01 was a Monday). */
const weekdays = (): string[] =>
  Array.from({ length: 7 }, (_, index) => {
    const name = new Intl.DateTimeFormat(panelLocale(), { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + index)));
    return name.charAt(0).toLocaleUpperCase(panelLocale()) + name.slice(1);
  });
const TABS = ["locations", "services", "masters", "rules"] as const;
type Tab = (typeof TABS)[number];

/** The queries a change of the salon can make stale: this page's and the calendar's. */
const REFRESH = ["booking-salon", "booking-catalogue", "booking-calendar"] as const;

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "09:30" -> 570; an end of "00:00" means midnight at the end of the day (1440). */
function minutesOf(time: string, isEnd: boolean): number {
  const [hours, minutes] = time.split(":").map(Number);
  const total = (hours ?? 0) * 60 + (minutes ?? 0);
  return isEnd && total === 0 ? 24 * 60 : total;
}

/** A whole number typed into a field, or NaN for the server to name the field. */
function wholeNumber(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

function visitTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(panelLocale(), { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

/** Bookings a change left standing, for the admin to move on the Bookings page. */
function LeftBookings({ title, bookings }: { title: string; bookings: LeftBooking[] }) {
  const t = useT();
  if (bookings.length === 0) return null;
  return (
    <div className="salon-left" role="region" aria-label={title}>
      <p>
        <strong>{title}</strong> {t("booking-salon-left-before")} <a href="/bookings">{t("booking-nav-bookings")}</a>
        {t("booking-salon-left-after")}
      </p>
      <ul>
        {bookings.map((booking) => (
          <li key={booking.id}>
            {t("booking-salon-left-booking", { time: visitTime(booking.startsAt, booking.timeZone), service: booking.serviceName, client: booking.clientName })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function LocationForm({ location, onSaved }: { location?: Location; onSaved?: () => void }) {
  const t = useT();
  const action = useAction(REFRESH);
  const [name, setName] = useState(location?.name ?? "");
  const [address, setAddress] = useState(location?.address ?? "");
  const [timeZone, setTimeZone] = useState(location?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name, address: address === "" ? null : address, timeZone };
    action.run(
      () => (location === undefined ? api("/api/booking/locations", { body }).then(onSaved) : api(`/api/booking/locations/${location.id}`, { method: "PUT", body })),
      location === undefined ? t("booking-salon-location-opened", { name }) : t("booking-salon-saved"),
    );
  };
  return (
    <form className="booking-form salon-card" aria-label={location === undefined ? t("booking-salon-new-location") : t("booking-salon-location-named", { name: location.name })} onSubmit={submit}>
      <div className="booking-form-fields">
        <label>
          {t("booking-salon-name")}
          <input value={name} onChange={(event) => setName(event.target.value)} required />
        </label>
        <label>
          {t("booking-salon-address")}
          <input value={address} onChange={(event) => setAddress(event.target.value)} />
        </label>
        <label>
          {t("booking-salon-time-zone")}
          <input value={timeZone} onChange={(event) => setTimeZone(event.target.value)} list="salon-time-zones" required />
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {location === undefined ? t("booking-salon-open-location") : t("booking-salon-save")}
        </button>
        {location === undefined ? null : (
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              action.run(
                () => api(`/api/booking/locations/${location.id}/active`, { body: { active: !location.active } }),
                location.active ? t("booking-salon-location-closed") : t("booking-salon-location-reopened"),
              )
            }
          >
            {location.active ? t("booking-salon-close-location") : t("booking-salon-open-again")}
          </button>
        )}
        {location !== undefined && !location.active ? <span className="salon-badge">{t("booking-salon-badge-closed")}</span> : null}
      </div>
      <ActionMessage message={action.message} />
    </form>
  );
}

function LocationsTab({ salon }: { salon: Salon }) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return (
    <>
      <datalist id="salon-time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {salon.locations.map((location) => (
        <LocationForm key={location.id} location={location} />
      ))}
      <div className="actions">
        <button type="button" onClick={() => setAdding(!adding)} aria-expanded={adding}>
          {t("booking-salon-new-location")}
        </button>
      </div>
      {adding ? <LocationForm onSaved={() => setAdding(false)} /> : null}
    </>
  );
}

/** The fields of a service as typed: text, so a half-typed number is not lost. */
function serviceFields(service: Service | undefined) {
  const currency = service?.currency ?? "EUR";
  return {
    name: service?.name ?? "",
    description: service?.description ?? "",
    durationMin: String(service?.durationMin ?? 60),
    price: service === undefined ? "" : priceText(service.priceMinor, currency),
    currency,
    bufferBeforeMin: String(service?.bufferBeforeMin ?? 0),
    bufferAfterMin: String(service?.bufferAfterMin ?? 0),
    slotStepMin: String(service?.slotStepMin ?? 30),
    capacity: String(service?.capacity ?? 1),
    prepayment: service?.prepaymentMinor == null ? "" : priceText(service.prepaymentMinor, currency),
    overrides: Object.fromEntries(RULES.map((rule) => [rule.key, String(service?.ruleOverrides[rule.key] ?? "")])) as Record<RuleKey, string>,
  };
}

function ServiceForm({ service, onSaved }: { service?: Service; onSaved?: () => void }) {
  const t = useT();
  const action = useAction(REFRESH);
  const [fields, setFields] = useState(() => serviceFields(service));
  const set = (field: keyof ReturnType<typeof serviceFields>) => (event: { target: { value: string } }) => setFields({ ...fields, [field]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.run(async () => {
      const currency = fields.currency.trim().toUpperCase();
      const priceMinor = parsePrice(fields.price, currency);
      const prepaymentMinor = fields.prepayment.trim() === "" ? null : parsePrice(fields.prepayment, currency);
      if (priceMinor === undefined || prepaymentMinor === undefined) throw new Error(t("booking-salon-price-format"));
      const body = {
        name: fields.name,
        description: fields.description === "" ? null : fields.description,
        durationMin: wholeNumber(fields.durationMin),
        priceMinor,
        currency,
        bufferBeforeMin: wholeNumber(fields.bufferBeforeMin),
        bufferAfterMin: wholeNumber(fields.bufferAfterMin),
        slotStepMin: wholeNumber(fields.slotStepMin),
        capacity: wholeNumber(fields.capacity),
        prepaymentMinor,
        ruleOverrides: Object.fromEntries(RULES.map((rule) => [rule.key, fields.overrides[rule.key].trim() === "" ? null : wholeNumber(fields.overrides[rule.key])])),
      };
      if (service === undefined) {
        await api("/api/booking/services", { body });
        onSaved?.();
      } else {
        await api(`/api/booking/services/${service.id}`, { method: "PUT", body });
      }
    }, service === undefined ? t("booking-salon-added", { name: fields.name }) : t("booking-salon-service-saved"));
  };
  const number = (label: string, field: "durationMin" | "bufferBeforeMin" | "bufferAfterMin" | "slotStepMin" | "capacity") => (
    <label>
      {label}
      <input inputMode="numeric" value={fields[field]} onChange={set(field)} />
    </label>
  );
  return (
    <form className="booking-form salon-card" aria-label={service === undefined ? t("booking-salon-new-service-label") : t("booking-salon-service-named", { name: service.name })} onSubmit={submit}>
      <div className="booking-form-fields">
        <label>
          {t("booking-salon-name")}
          <input value={fields.name} onChange={set("name")} required />
        </label>
        {number(t("booking-salon-duration"), "durationMin")}
        <label>
          {t("booking-salon-price")}
          <input inputMode="decimal" value={fields.price} onChange={set("price")} required />
        </label>
        <label>
          {t("booking-salon-currency")}
          <input value={fields.currency} onChange={set("currency")} maxLength={3} required />
        </label>
        <label>
          {t("booking-salon-prepayment")}
          <input inputMode="decimal" value={fields.prepayment} onChange={set("prepayment")} />
        </label>
        {number(t("booking-salon-buffer-before"), "bufferBeforeMin")}
        {number(t("booking-salon-buffer-after"), "bufferAfterMin")}
        {number(t("booking-salon-slot-step"), "slotStepMin")}
        {number(t("booking-salon-capacity"), "capacity")}
        <label className="salon-wide">
          {t("booking-salon-description")}
          <textarea value={fields.description} onChange={set("description")} rows={2} />
        </label>
      </div>
      <fieldset className="booking-form-fields">
        <legend>{t("booking-salon-own-rules")}</legend>
        {RULES.map((rule) => (
          <label key={rule.key}>
            {t(`booking-salon-rule-${rule.key}`)}
            <input
              inputMode="numeric"
              value={fields.overrides[rule.key]}
              onChange={(event) => setFields({ ...fields, overrides: { ...fields.overrides, [rule.key]: event.target.value } })}
            />
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {service === undefined ? t("booking-salon-add-service") : t("booking-salon-save")}
        </button>
        {service === undefined ? null : (
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              action.run(() => api(`/api/booking/services/${service.id}/active`, { body: { active: !service.active } }), service.active ? t("booking-salon-no-longer-offered") : t("booking-salon-offered-again"))
            }
          >
            {service.active ? t("booking-salon-stop-offering") : t("booking-salon-offer-again")}
          </button>
        )}
      </div>
      <ActionMessage message={action.message} />
    </form>
  );
}

function ServicesTab({ salon }: { salon: Salon }) {
  const t = useT();
  const [chosen, setChosen] = useState<number | "new" | undefined>(salon.services[0]?.id);
  const service = salon.services.find((entry) => entry.id === chosen);
  return (
    <>
      <ul className="salon-list" aria-label={t("booking-salon-tab-services")}>
        {salon.services.map((entry) => (
          <li key={entry.id}>
            <button type="button" aria-pressed={entry.id === chosen} onClick={() => setChosen(entry.id)}>
              <strong>{entry.name}</strong> {t("booking-salon-service-summary", { minutes: entry.durationMin, price: formatPrice(entry.priceMinor, entry.currency) })}
              {entry.active ? null : <span className="salon-badge">{t("booking-salon-badge-not-offered")}</span>}
            </button>
          </li>
        ))}
        <li>
          <button type="button" aria-pressed={chosen === "new"} onClick={() => setChosen("new")}>
            {t("booking-salon-new-service")}
          </button>
        </li>
      </ul>
      {chosen === "new" ? <ServiceForm onSaved={() => setChosen(undefined)} /> : null}
      {service === undefined ? null : <ServiceForm key={service.id} service={service} />}
    </>
  );
}

/** A master's week as edited: intervals per weekday ("1".."7"), as clock texts. */
type WeekDraft = Record<string, { start: string; end: string }[]>;

function weekDraft(master: Master): WeekDraft {
  return Object.fromEntries(
    Array.from({ length: 7 }, (_, index) => [String(index + 1), (master.weekly[String(index + 1)] ?? []).map((interval) => ({ start: clock(interval.start), end: clock(interval.end % 1440) }))]),
  );
}

function WeeklyHoursEditor({ master }: { master: Master }) {
  const t = useT();
  const action = useAction(REFRESH);
  const [week, setWeek] = useState(() => weekDraft(master));
  const [left, setLeft] = useState<LeftBooking[]>([]);
  const change = (day: string, intervals: { start: string; end: string }[]) => setWeek({ ...week, [day]: intervals });
  const save = () =>
    action.run(async () => {
      const weekly = Object.fromEntries(
        Object.entries(week)
          .filter(([, intervals]) => intervals.length > 0)
          .map(([day, intervals]) => [day, intervals.map((interval) => ({ start: minutesOf(interval.start, false), end: minutesOf(interval.end, true) }))]),
      );
      const answer = await api<{ outsideHours: LeftBooking[] }>(`/api/booking/masters/${master.id}/hours`, { method: "PUT", body: { weekly } });
      setLeft(answer.outsideHours);
    }, t("booking-salon-hours-saved"));
  return (
    <section className="salon-card" aria-label={t("booking-salon-hours-of", { name: master.name })}>
      <h3>{t("booking-salon-hours")}</h3>
      <p className="hint">{t("booking-salon-hours-hint")}</p>
      <div className="salon-week">
        {weekdays().map((weekday, index) => {
          const day = String(index + 1);
          const intervals = week[day] ?? [];
          return (
            <div key={day} className="salon-day" role="group" aria-label={weekday}>
              <span className="salon-day-name">{weekday}</span>
              {intervals.length === 0 ? <span className="hint">{t("booking-salon-day-off")}</span> : null}
              {intervals.map((interval, position) => (
                <span key={position} className="salon-interval">
                  <input
                    type="time"
                    aria-label={t("booking-salon-interval-from", { day: weekday, number: position + 1 })}
                    value={interval.start}
                    onChange={(event) => change(day, intervals.map((entry, at) => (at === position ? { ...entry, start: event.target.value } : entry)))}
                  />
                  {t("booking-salon-interval-dash")}
                  <input
                    type="time"
                    aria-label={t("booking-salon-interval-to", { day: weekday, number: position + 1 })}
                    value={interval.end}
                    onChange={(event) => change(day, intervals.map((entry, at) => (at === position ? { ...entry, end: event.target.value } : entry)))}
                  />
                  <button type="button" aria-label={t("booking-salon-interval-remove", { day: weekday, number: position + 1 })} onClick={() => change(day, intervals.filter((_, at) => at !== position))}>
                    {t("booking-salon-remove-sign")}
                  </button>
                </span>
              ))}
              <button
                type="button"
                aria-label={t("booking-salon-interval-add-on", { day: weekday })}
                onClick={() => change(day, [...intervals, intervals.length === 0 ? { start: "09:00", end: "18:00" } : { start: intervals.at(-1)?.end ?? "12:00", end: "18:00" }])}
              >
                {t("booking-salon-interval-add")}
              </button>
            </div>
          );
        })}
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={action.busy} onClick={save}>
          {t("booking-salon-save-hours")}
        </button>
      </div>
      <ActionMessage message={action.message} />
      <LeftBookings title={t("booking-salon-left-outside-hours")} bookings={left} />
    </section>
  );
}

function MasterServices({ master, services }: { master: Master; services: Service[] }) {
  const t = useT();
  const action = useAction(REFRESH);
  const [offers, setOffers] = useState(() =>
    Object.fromEntries(
      services.map((service) => {
        const offer = master.offers.find((entry) => entry.serviceId === service.id);
        return [
          service.id,
          {
            offered: offer !== undefined,
            durationMin: offer?.durationMin == null ? "" : String(offer.durationMin),
            price: offer?.priceMinor == null ? "" : priceText(offer.priceMinor, service.currency),
          },
        ];
      }),
    ),
  );
  const save = () =>
    action.run(async () => {
      const chosen = services.filter((service) => offers[service.id]?.offered);
      const body = chosen.map((service) => {
        const offer = offers[service.id]!;
        const priceMinor = offer.price.trim() === "" ? null : parsePrice(offer.price, service.currency);
        if (priceMinor === undefined) throw new Error(t("booking-salon-price-format-of", { service: service.name }));
        return { serviceId: service.id, durationMin: offer.durationMin.trim() === "" ? null : wholeNumber(offer.durationMin), priceMinor };
      });
      await api(`/api/booking/masters/${master.id}/services`, { method: "PUT", body: { offers: body } });
    }, t("booking-salon-services-saved"));
  return (
    <section className="salon-card" aria-label={t("booking-salon-services-of", { name: master.name })}>
      <h3>{t("booking-salon-tab-services")}</h3>
      <p className="hint">{t("booking-salon-own-hint")}</p>
      <div className="salon-offers">
        {services.map((service) => {
          const offer = offers[service.id] ?? { offered: false, durationMin: "", price: "" };
          const update = (changes: Partial<typeof offer>) => setOffers({ ...offers, [service.id]: { ...offer, ...changes } });
          return (
            <div key={service.id} className="salon-offer" role="group" aria-label={service.name}>
              <label className="salon-check">
                <input type="checkbox" checked={offer.offered} onChange={(event) => update({ offered: event.target.checked })} />
                {service.name}
                {service.active ? null : <span className="salon-badge">{t("booking-salon-badge-not-offered")}</span>}
              </label>
              <label>
                {t("booking-salon-own-minutes")}
                <input inputMode="numeric" placeholder={String(service.durationMin)} value={offer.durationMin} disabled={!offer.offered} onChange={(event) => update({ durationMin: event.target.value })} />
              </label>
              <label>
                {t("booking-salon-own-price")}
                <input inputMode="decimal" placeholder={priceText(service.priceMinor, service.currency)} value={offer.price} disabled={!offer.offered} onChange={(event) => update({ price: event.target.value })} />
              </label>
            </div>
          );
        })}
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={action.busy} onClick={save}>
          {t("booking-salon-save-services")}
        </button>
      </div>
      <ActionMessage message={action.message} />
    </section>
  );
}

function MasterCard({ master, salon }: { master: Master; salon: Salon }) {
  const t = useT();
  const action = useAction(REFRESH);
  const [name, setName] = useState(master.name);
  const [locationId, setLocationId] = useState(String(master.locationId));
  const [telegramId, setTelegramId] = useState(master.telegramId === null ? "" : String(master.telegramId));
  const [left, setLeft] = useState<LeftBooking[]>([]);
  // The account just linked, when its person does not hold the master role.
  const [withoutRole, setWithoutRole] = useState<number | undefined>();
  const unlinking = telegramId.trim() === "";
  const link = () =>
    action.run(async () => {
      const answer = await api<{ holdsMasterRole: boolean }>(`/api/booking/masters/${master.id}/telegram`, { method: "PUT", body: { telegramId: unlinking ? null : wholeNumber(telegramId) } });
      setWithoutRole(unlinking || answer.holdsMasterRole ? undefined : wholeNumber(telegramId));
    }, unlinking ? t("booking-salon-telegram-unlinked") : t("booking-salon-telegram-linked"));
  const toggle = () =>
    action.run(async () => {
      const answer = await api<{ upcoming: LeftBooking[] }>(`/api/booking/masters/${master.id}/active`, { body: { active: !master.active } });
      setLeft(master.active ? answer.upcoming : []);
    }, master.active ? t("booking-salon-deactivated") : t("booking-salon-reactivated"));
  return (
    <>
      <form
        className="booking-form salon-card"
        aria-label={t("booking-salon-master-named", { name: master.name })}
        onSubmit={(event) => {
          event.preventDefault();
          action.run(() => api(`/api/booking/masters/${master.id}`, { method: "PUT", body: { name, locationId: Number(locationId) } }), t("booking-salon-saved"));
        }}
      >
        <div className="booking-form-fields">
          <label>
            {t("booking-salon-name")}
            <input value={name} onChange={(event) => setName(event.target.value)} required />
          </label>
          <label>
            {t("booking-salon-location")}
            <select value={locationId} onChange={(event) => setLocationId(event.target.value)}>
              {salon.locations.map((location) => (
                <option key={location.id} value={location.id}>
                  {location.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("booking-salon-telegram-id")}
            <input inputMode="numeric" value={telegramId} onChange={(event) => setTelegramId(event.target.value)} />
          </label>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={action.busy}>
            {t("booking-salon-save")}
          </button>
          <button type="button" disabled={action.busy || (unlinking && master.telegramId === null)} onClick={link}>
            {unlinking && master.telegramId !== null ? t("booking-salon-unlink-telegram") : t("booking-salon-link-telegram")}
          </button>
          <button type="button" disabled={action.busy} onClick={toggle}>
            {master.active ? t("booking-salon-deactivate") : t("booking-salon-reactivate")}
          </button>
          {master.active ? null : <span className="salon-badge">{t("booking-salon-badge-inactive")}</span>}
        </div>
        <ActionMessage message={action.message} />
        {withoutRole === undefined ? null : <MasterRoleOffer key={withoutRole} telegramId={withoutRole} />}
        <LeftBookings title={t("booking-salon-left-upcoming")} bookings={left} />
      </form>
      <MasterServices key={`services-${salon.services.length}`} master={master} services={salon.services} />
      <WeeklyHoursEditor master={master} />
    </>
  );
}

function NewMasterForm({ salon, onSaved }: { salon: Salon; onSaved: () => void }) {
  const t = useT();
  const action = useAction(REFRESH);
  const open = salon.locations.filter((location) => location.active);
  const [name, setName] = useState("");
  const [locationId, setLocationId] = useState(String(open[0]?.id ?? ""));
  return (
    <form
      className="booking-form salon-card"
      aria-label={t("booking-salon-new-master-label")}
      onSubmit={(event) => {
        event.preventDefault();
        action.run(() => api("/api/booking/masters", { body: { name, locationId: Number(locationId) } }).then(onSaved), t("booking-salon-added", { name }));
      }}
    >
      <div className="booking-form-fields">
        <label>
          {t("booking-salon-name")}
          <input value={name} onChange={(event) => setName(event.target.value)} required />
        </label>
        <label>
          {t("booking-salon-location")}
          <select value={locationId} onChange={(event) => setLocationId(event.target.value)}>
            {open.map((location) => (
              <option key={location.id} value={location.id}>
                {location.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {t("booking-salon-add-master")}
        </button>
      </div>
      <ActionMessage message={action.message} />
    </form>
  );
}

function MastersTab({ salon }: { salon: Salon }) {
  const t = useT();
  const [chosen, setChosen] = useState<number | "new" | undefined>(salon.masters[0]?.id);
  const master = salon.masters.find((entry) => entry.id === chosen);
  return (
    <>
      <ul className="salon-list" aria-label={t("booking-salon-tab-masters")}>
        {salon.masters.map((entry) => (
          <li key={entry.id}>
            <button type="button" aria-pressed={entry.id === chosen} onClick={() => setChosen(entry.id)}>
              <strong>{entry.name}</strong>
              {entry.active ? null : <span className="salon-badge">{t("booking-salon-badge-inactive")}</span>}
            </button>
          </li>
        ))}
        <li>
          <button type="button" aria-pressed={chosen === "new"} onClick={() => setChosen("new")}>
            {t("booking-salon-new-master")}
          </button>
        </li>
      </ul>
      {chosen === "new" ? <NewMasterForm salon={salon} onSaved={() => setChosen(undefined)} /> : null}
      {master === undefined ? null : <MasterCard key={master.id} master={master} salon={salon} />}
    </>
  );
}

function RulesTab({ rules }: { rules: Rules }) {
  const t = useT();
  const action = useAction(REFRESH);
  const [fields, setFields] = useState(() => ({
    ...(Object.fromEntries(RULES.map((rule) => [rule.key, String(rules[rule.key])])) as Record<RuleKey, string>),
    reminders: rules.reminderOffsetsMin.join(", "),
    holdMin: String(rules.holdMin),
  }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const reminders = fields.reminders.trim() === "" ? [] : fields.reminders.split(/[,\s]+/).filter((part) => part !== "").map(wholeNumber);
    const body = { ...Object.fromEntries(RULES.map((rule) => [rule.key, wholeNumber(fields[rule.key])])), reminderOffsetsMin: reminders, holdMin: wholeNumber(fields.holdMin) };
    action.run(() => api("/api/booking/rules", { method: "PUT", body }), t("booking-salon-rules-saved"));
  };
  return (
    <form className="booking-form salon-card" aria-label={t("booking-salon-tab-rules")} onSubmit={submit}>
      <div className="booking-form-fields">
        {RULES.map((rule) => (
          <label key={rule.key}>
            {t(`booking-salon-rule-${rule.key}`)}
            <input inputMode="numeric" value={fields[rule.key]} onChange={(event) => setFields({ ...fields, [rule.key]: event.target.value })} />
          </label>
        ))}
        <label>
          {t("booking-salon-reminders")}
          <input value={fields.reminders} onChange={(event) => setFields({ ...fields, reminders: event.target.value })} />
        </label>
        <label>
          {t("booking-salon-hold")}
          <input inputMode="numeric" value={fields.holdMin} onChange={(event) => setFields({ ...fields, holdMin: event.target.value })} />
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {t("booking-salon-save-rules")}
        </button>
      </div>
      <ActionMessage message={action.message} />
    </form>
  );
}

/**
 * Salon: what admins manage about the business. Locations with their time zones; services with
 * duration, price, buffers, start-time step, capacity, prepayment and their own rules; masters
 * with their services (own duration and price), weekly hours with breaks and Telegram link; the
 * salon's booking rules. Every change is saved by its own button and audited on the server.
 */
export function BookingSalonPage() {
  const t = useT();
  const salon = useQuery({ queryKey: ["booking-salon"], queryFn: () => api<Salon>("/api/booking/salon") });
  const [tab, setTab] = useState<Tab>("services");
  return (
    <section className="settings-page booking-salon-page">
      <h1>{t("booking-nav-salon")}</h1>
      <div className="segmented salon-tabs" role="tablist" aria-label={t("booking-nav-salon")}>
        {TABS.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} aria-pressed={tab === name} onClick={() => setTab(name)}>
            {t(`booking-salon-tab-${name}`)}
          </button>
        ))}
      </div>
      {salon.isError ? <p className="error">{salon.error.message}</p> : null}
      {salon.data === undefined ? (
        <p className="hint">{t("panel-loading")}</p>
      ) : (
        <div role="tabpanel" aria-label={t(`booking-salon-tab-${tab}`)}>
          {tab === "locations" ? <LocationsTab salon={salon.data} /> : null}
          {tab === "services" ? <ServicesTab salon={salon.data} /> : null}
          {tab === "masters" ? <MastersTab salon={salon.data} /> : null}
          {tab === "rules" ? <RulesTab rules={salon.data.rules} /> : null}
        </div>
      )}
    </section>
  );
}
