import { Component, type ErrorInfo, type ReactNode } from "react";
import { useT } from "./panel/i18n/useT.ts";

interface State {
  error: Error | undefined;
}

/** A page that throws while rendering shows what went wrong instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("page crashed", error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return <Crashed error={this.state.error} />;
  }
}

function Crashed({ error }: { error: Error }) {
  const t = useT();
  return (
    <main className="page-message" role="alert">
      <h1>{t("panel-crashed")}</h1>
      <p>{error.message}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t("panel-reload")}
      </button>
    </main>
  );
}
