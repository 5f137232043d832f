/**
 * Writes src/platform/domain/time-zone-countries.ts from the system's tz database (Debian's
 * tzdata): every zone of zone.tab with its country, and every link (old names such as
 * "Europe/Kiev") with its target's. Run it when tzdata changes:
 * `node scripts/time-zone-countries.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs";

const zoneinfo = process.env.ZONEINFO ?? "/usr/share/zoneinfo";
const countries = new Map<string, string>();
for (const line of readFileSync(`${zoneinfo}/zone.tab`, "utf8").split("\n")) {
  if (line.startsWith("#") || line.trim() === "") continue;
  const [country, , zone] = line.split("\t");
  if (country !== undefined && zone !== undefined) countries.set(zone, country);
}
for (const line of readFileSync(`${zoneinfo}/tzdata.zi`, "utf8").split("\n")) {
  const [kind, target, alias] = line.split(" ");
  if (kind !== "L" || target === undefined || alias === undefined) continue;
  const country = countries.get(target);
  if (country !== undefined && !countries.has(alias)) countries.set(alias, country);
}
const entries = [...countries].sort(([a], [b]) => a.localeCompare(b)).map(([zone, country]) => `  "${zone}": "${country}",`);
writeFileSync(
  new URL("../src/platform/domain/time-zone-countries.ts", import.meta.url),
  `// Written by scripts/time-zone-countries.ts from the tz database's zone.tab and links; do not edit.
/** The country (ISO 3166-1 alpha-2) each IANA time zone is in. */
export const TIME_ZONE_COUNTRIES: Readonly<Record<string, string>> = {
${entries.join("\n")}
};
`,
);
console.log(`${countries.size} zones`);
