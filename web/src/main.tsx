import { StrictMode, type ComponentType } from "react";
import { createRoot } from "react-dom/client";
import { ErrorBoundary } from "./ErrorBoundary.tsx";
import { Playground } from "./playground/Playground.tsx";
import "./app.css";

/** Pages by path. Adding a page is one line here. */
const routes: Record<string, ComponentType> = {
  "/playground": Playground,
  // Sandbox mode for now: the admin panel's home page takes "/" when it exists.
  "/": Playground,
};

function NotFound() {
  return (
    <main className="page-message">
      <h1>Page not found</h1>
      <p>
        <a href="/">Go to the start page</a>
      </p>
    </main>
  );
}

function currentPage(): ComponentType {
  const path = window.location.pathname.replace(/\/+$/, "") || "/";
  return routes[path] ?? NotFound;
}

const Page = currentPage();
const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <Page />
      </ErrorBoundary>
    </StrictMode>,
  );
}
