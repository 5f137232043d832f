import type { ComponentType } from "react";
import { ActivityPage } from "./ActivityPage.tsx";
import { AuditPage } from "./AuditPage.tsx";
import { DashboardPage } from "./DashboardPage.tsx";
import { PeoplePage } from "./PeoplePage.tsx";
import { RequestsPage } from "./RequestsPage.tsx";
import { SessionsPage } from "./SessionsPage.tsx";
import { BackupsPage } from "./BackupsPage.tsx";
import { BookingAfterVisitPage } from "./BookingAfterVisitPage.tsx";
import { BookingAnalyticsPage } from "./BookingAnalyticsPage.tsx";
import { BookingCalendarPage } from "./BookingCalendarPage.tsx";
import { BookingSalonPage } from "./BookingSalonPage.tsx";
import { BookingClientsPage } from "./BookingClientsPage.tsx";
import { BookingTimeOffPage } from "./BookingTimeOffPage.tsx";
import { BroadcastsPage } from "./BroadcastsPage.tsx";
import { SettingsPage } from "./SettingsPage.tsx";
import { TextsPage } from "./TextsPage.tsx";

/** A page of the panel: shown in the menu to those holding its permission. */
export interface PanelPage {
  path: string;
  /** The catalogue key of its title in the menu and on the page. */
  title: string;
  /** Null: every signed-in person (their own sessions). */
  permission: string | null;
  /** The catalogue key of the menu group it is listed under on a phone. */
  group: string;
  /** The module it belongs to: shown only while the bot has that module enabled. */
  module?: string;
  component: ComponentType;
}

/** Every page of the panel, in menu order (a group's pages together). Adding a page is one entry here. */
export const panelPages: PanelPage[] = [
  { path: "/dashboard", title: "access-nav-dashboard", permission: "panel.view", group: "nav-group-overview", component: DashboardPage },
  { path: "/activity", title: "access-nav-activity", permission: "panel.view", group: "nav-group-overview", component: ActivityPage },
  { path: "/people", title: "access-nav-people", permission: "people.view", group: "access-nav-group", module: "access", component: PeoplePage },
  { path: "/requests", title: "access-nav-requests", permission: "people.view", group: "access-nav-group", module: "access", component: RequestsPage },
  { path: "/sessions", title: "access-nav-sessions", permission: null, group: "access-nav-group", component: SessionsPage },
  { path: "/bookings", title: "booking-nav-bookings", permission: "booking.manage", group: "booking-nav-group", module: "booking", component: BookingCalendarPage },
  { path: "/booking/salon", title: "booking-nav-salon", permission: "booking.manage", group: "booking-nav-group", module: "booking", component: BookingSalonPage },
  { path: "/booking/clients", title: "booking-nav-clients", permission: "booking.manage", group: "booking-nav-group", module: "booking", component: BookingClientsPage },
  { path: "/booking/after-visit", title: "booking-nav-after-visit", permission: "booking.manage", group: "booking-nav-group", module: "booking", component: BookingAfterVisitPage },
  { path: "/booking/time-off", title: "booking-nav-time-off", permission: "booking.manage", group: "booking-nav-group", module: "booking", component: BookingTimeOffPage },
  { path: "/booking/analytics", title: "booking-nav-analytics", permission: "booking.analytics", group: "booking-nav-group", module: "booking", component: BookingAnalyticsPage },
  { path: "/audit", title: "access-nav-audit", permission: "audit.view", group: "nav-group-bot", component: AuditPage },
  { path: "/texts", title: "nav-texts", permission: "texts.edit", group: "nav-group-bot", component: TextsPage },
  { path: "/settings", title: "nav-settings", permission: "settings.edit", group: "nav-group-bot", component: SettingsPage },
  { path: "/broadcasts", title: "nav-broadcasts", permission: "broadcasts.send", group: "nav-group-bot", component: BroadcastsPage },
  { path: "/backups", title: "nav-backups", permission: "backups.manage", group: "nav-group-bot", component: BackupsPage },
];
