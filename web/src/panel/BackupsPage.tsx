import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "./api.ts";
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

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const RUN_TEXT: Record<BackupRun["state"], string> = {
  queued: "Backup queued…",
  running: "Backing up…",
  done: "Backup written.",
  failed: "The backup failed.",
};

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
  const file = `${page.directory}/${page.backups[0]?.name ?? "<backup file>"}`;
  return (
    <section className="card" aria-labelledby="restore-title">
      <h2 id="restore-title">Restoring a backup</h2>
      <p>
        A restore replaces the whole database with the backup, so it is not a button here: it runs from the command line, with the app stopped, on
        the server.
      </p>
      <ol className="steps">
        <li>Stop the app{page.database === "postgres" ? ", every replica of it" : ""}.</li>
        <li>
          Restore the file:
          <pre>
            <code>botyard restore {file}</code>
          </pre>
          Under Docker Compose: <code>docker compose run --rm app node_modules/.bin/node src/cli.ts restore {file}</code>
        </li>
        <li>Start the app again.</li>
      </ol>
      <p className="hint">
        {page.database === "pglite"
          ? "The current data directory is moved aside, not deleted; the command prints where it went."
          : "PostgreSQL: pg_restore replaces the tables in one transaction; a failed restore changes nothing."}{" "}
        Copy backups off this machine too: a backup on the same disk is not a backup.
      </p>
    </section>
  );
}

/** The backups in BACKUP_DIR (owners only): download, back up now, and how to restore. */
export function BackupsPage() {
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
      <h1 id="backups-title">Backups</h1>
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy} onClick={() => start.mutate()}>
          Back up now
        </button>
        {state !== undefined && (
          <p role="status" className="note">
            {RUN_TEXT[state]} {run.data?.error ?? ""}
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
            In <code>{page.data.directory}</code>, newest first. Scheduled backups run daily and are kept for the configured number of days.
          </p>
          <div className="table-scroll">
            <table aria-label="Backups">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Taken</th>
                  <th scope="col">Size</th>
                </tr>
              </thead>
              <tbody>
                {page.data.backups.length === 0 && (
                  <tr>
                    <td colSpan={3}>No backups yet.</td>
                  </tr>
                )}
                {page.data.backups.map((backup) => (
                  <tr key={backup.name}>
                    <td>
                      <a href={`/api/backups/${encodeURIComponent(backup.name)}/download`} download={backup.name}>
                        {backup.name}
                      </a>
                    </td>
                    <td>{new Date(backup.takenAt).toLocaleString()}</td>
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
