import { StrictMode, type ComponentType } from "react";
import { createRoot } from "react-dom/client";
import { ErrorBoundary } from "./ErrorBoundary.tsx";
import { PanelLanguage } from "./panel/i18n/PanelLanguage.tsx";
import { LoginPage } from "./panel/LoginPage.tsx";
import { Panel } from "./panel/Panel.tsx";
import { Playground } from "./playground/Playground.tsx";
import "./app.css";

/** Pages outside the panel by path; every other path is the panel's (see panel/pages.tsx). */
const routes: Record<string, ComponentType> = {
  "/playground": Playground,
  "/login": LoginPage,
};

function currentPage(): ComponentType {
  const path = window.location.pathname.replace(/\/+$/, "") || "/";
  return routes[path] ?? Panel;
}

const Page = currentPage();
const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PanelLanguage>
        <ErrorBoundary>
          <Page />
        </ErrorBoundary>
      </PanelLanguage>
    </StrictMode>,
  );
}
