import { auditDiff, type ShownValue } from "./audit-diff.ts";
import { useT } from "./i18n/useT.ts";

/** One side of a change: cut short when long, the whole value in its title and a click away. */
function Value({ value }: { value: ShownValue | undefined }) {
  if (value === undefined) return <span className="audit-none">—</span>;
  if (value.full === undefined) return <span className="audit-value">{value.text}</span>;
  return (
    <details className="audit-value" title={value.full}>
      <summary>{value.text}</summary>
      {value.full}
    </details>
  );
}

/** The fields an audit row changed, one line each: "field: old → new". */
export function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  const changes = auditDiff(before, after);
  if (changes.length === 0) return null;
  return (
    <ul className="audit-changes">
      {changes.map((change) => (
        <li key={change.field}>
          {change.field === "" ? null : <span className="audit-field">{t("access-audit-field", { field: change.field })} </span>}
          <Value value={change.before} /> {t("access-audit-became")} <Value value={change.after} />
        </li>
      ))}
    </ul>
  );
}
