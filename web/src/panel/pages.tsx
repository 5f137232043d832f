import type { ComponentType } from "react";
import { BackupsPage } from "./BackupsPage.tsx";
import { SettingsPage } from "./SettingsPage.tsx";
import { TextsPage } from "./TextsPage.tsx";

/** A page of the panel: shown in the menu to those holding its permission. */
export interface PanelPage {
  path: string;
  title: string;
  permission: string;
  component: ComponentType;
}

/** Every page of the panel, in menu order. Adding a page is one entry here. */
export const panelPages: PanelPage[] = [
  { path: "/texts", title: "Texts", permission: "texts.edit", component: TextsPage },
  { path: "/settings", title: "Settings", permission: "settings.edit", component: SettingsPage },
  { path: "/backups", title: "Backups", permission: "backups.manage", component: BackupsPage },
];
