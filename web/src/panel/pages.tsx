import type { ComponentType } from "react";

/** A page of the panel: shown in the menu to those holding its permission. */
export interface PanelPage {
  path: string;
  title: string;
  permission: string;
  component: ComponentType;
}

/** Every page of the panel, in menu order. Adding a page is one entry here. */
export const panelPages: PanelPage[] = [];
