import type { ComponentType } from "react";
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
  title: string;
  /** Null: every signed-in person (their own sessions). */
  permission: string | null;
  component: ComponentType;
}

/** Every page of the panel, in menu order. Adding a page is one entry here. */
export const panelPages: PanelPage[] = [
  { path: "/dashboard", title: "Dashboard", permission: "panel.view", component: DashboardPage },
  { path: "/people", title: "People", permission: "people.view", component: PeoplePage },
  { path: "/requests", title: "Requests", permission: "people.view", component: RequestsPage },
  { path: "/sessions", title: "Sessions", permission: null, component: SessionsPage },
  { path: "/audit", title: "Audit log", permission: "audit.view", component: AuditPage },
  { path: "/texts", title: "Texts", permission: "texts.edit", component: TextsPage },
  { path: "/settings", title: "Settings", permission: "settings.edit", component: SettingsPage },
  { path: "/broadcasts", title: "Broadcasts", permission: "broadcasts.send", component: BroadcastsPage },
  { path: "/bookings", title: "Bookings", permission: "booking.manage", component: BookingCalendarPage },
  { path: "/booking/salon", title: "Salon", permission: "booking.manage", component: BookingSalonPage },
  { path: "/booking/clients", title: "Clients", permission: "booking.manage", component: BookingClientsPage },
  { path: "/booking/after-visit", title: "Reviews & refunds", permission: "booking.manage", component: BookingAfterVisitPage },
  { path: "/booking/time-off", title: "Time off", permission: "booking.manage", component: BookingTimeOffPage },
  { path: "/booking/analytics", title: "Analytics", permission: "booking.analytics", component: BookingAnalyticsPage },
  { path: "/backups", title: "Backups", permission: "backups.manage", component: BackupsPage },
];
