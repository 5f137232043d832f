import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "./api.ts";
import { useT } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
import "./settings-pages.css";

interface BackupFile {
  name: string;
  size: number;
  takenAt: string;
}

interface BackupsAnswer {
  directory: string;
  database: "pglite" | "postgres";
  backups: BackupFile[];
}

interface BackupRun {
  id: string;
  state: "queued" | "running" | "done" | "failed";
  error: string | null;
}

/** A file's size in the panel's language (`1.5 MB`, `1,5 МБ`). */
function formatSize(bytes: number): string {
  const [value, unit] = bytes < 1024 ? [bytes, "byte"] : bytes < 1024 * 1024 ? [bytes / 1024, "kilobyte"] : [bytes / 1024 / 1024, "megabyte"];
  return new Intl.NumberFormat(panelLocale(), { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(value);
}

/** Follows a queued backup until it is written or has failed. */
function useBackupRun(id: string | undefined) {
  const queryClient = useQueryClient();
  const run = useQuery({
    queryKey: ["backup-run", id],
    queryFn: () => api<BackupRun>(`/api/backups/runs/${id}`),
    enabled: id !== undefined,
    refetchInterval: (query) => (query.state.data?.state === "done" || query.state.data?.state === "failed" ? false : 1000),
  });
  const finished = run.data?.state === "done";
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ["backups"] });
  }, [finished, queryClient]);
  return run;
}

function RestoreInstructions({ page }: { page: BackupsAnswer }) {
  const t = useT();
  const file = `${page.directory}/${page.backups[0]?.name ?? t("backups-file-placeholder")}`;
  return (
    <section className="card" aria-labelledby="restore-title">
      <h2 id="restore-title">{t("backups-restore-title")}</h2>
      <p>{t("backups-restore-intro")}</p>
      <ol className="steps">
        <li>{t(page.database === "postgres" ? "backups-restore-stop-replicas" : "backups-restore-stop")}</li>
        <li>
          {t("backups-restore-file")}
          <pre>
            <code>{t("backups-restore-command", { file })}</code>
          </pre>
          {t("backups-restore-docker")} <code>{t("backups-restore-docker-command", { file })}</code>
        </li>
        <li>{t("backups-restore-start")}</li>
      </ol>
      <p className="hint">
        {page.database === "pglite" ? t("backups-restore-pglite") : t("backups-restore-postgres")} {t("backups-copy-off")}
      </p>
    </section>
  );
}

/** The backups in BACKUP_DIR (owners only): download, back up now, and how to restore. */
export function BackupsPage() {
  const t = useT();
  const page = useQuery({ queryKey: ["backups"], queryFn: () => api<BackupsAnswer>("/api/backups") });
  const [runId, setRunId] = useState<string | undefined>(undefined);
  const run = useBackupRun(runId);
  const start = useMutation({
    mutationFn: () => api<BackupRun>("/api/backups", { method: "POST" }),
    onSuccess: (queued) => setRunId(queued.id),
  });
  const state = run.data?.state ?? (start.isPending ? "queued" : undefined);
  const busy = state === "queued" || state === "running";
  const error = start.error ?? run.error;
  return (
    <section className="settings-page" aria-labelledby="backups-title">
      <h1 id="backups-title">{t("nav-backups")}</h1>
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy} onClick={() => start.mutate()}>
          {t("backups-now")}
        </button>
        {state !== undefined && (
          <p role="status" className="note">
            {t(`backups-run-${state}`)} {run.data?.error ?? ""}
          </p>
        )}
      </div>
      {error !== null && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {page.isError && (
        <p role="alert" className="error">
          {page.error.message}
        </p>
      )}
      {page.data !== undefined && (
        <>
          <p className="hint">
            {t("backups-in")} <code>{page.data.directory}</code>
            {t("backups-in-rest")}
          </p>
          <div className="table-scroll">
            <table aria-label={t("nav-backups")}>
              <thead>
                <tr>
                  <th scope="col">{t("backups-file")}</th>
                  <th scope="col">{t("backups-taken")}</th>
                  <th scope="col">{t("backups-size")}</th>
                </tr>
              </thead>
              <tbody>
                {page.data.backups.length === 0 && (
                  <tr>
                    <td colSpan={3}>{t("backups-none")}</td>
                  </tr>
                )}
                {page.data.backups.map((backup) => (
                  <tr key={backup.name}>
                    <td>
                      <a href={`/api/backups/${encodeURIComponent(backup.name)}/download`} download={backup.name}>
                        {backup.name}
                      </a>
                    </td>
                    <td>{new Date(backup.takenAt).toLocaleString(panelLocale())}</td>
                    <td>{formatSize(backup.size)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <RestoreInstructions page={page.data} />
        </>
      )}
    </section>
  );
}
