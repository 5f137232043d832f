import assert from "node:assert/strict";
import { test } from "node:test";
import { bookingModule } from "../../../../src/modules/booking/module.ts";
import { problemMessage, type CatalogueProblem } from "../../../../src/modules/booking/domain/catalogue-refusal.ts";
import type { CatalogueProblemCode } from "../../../../src/modules/booking/domain/catalogue-refusal.ts";
import { SUPPORTED_LOCALES, Translator } from "../../../../src/platform/i18n/translator.ts";

const translator = new Translator(bookingModule.catalogues ?? []);

// Every problem a catalogue use case can name (the type makes this list complete).
const EVERY_PROBLEM: Record<CatalogueProblemCode, CatalogueProblem> = {
  "duration-out-of-range": { problem: "duration-out-of-range" },
  "price-invalid": { problem: "price-invalid" },
  "currency-invalid": { problem: "currency-invalid" },
  "buffer-out-of-range": { problem: "buffer-out-of-range" },
  "slot-step-out-of-range": { problem: "slot-step-out-of-range" },
  "capacity-invalid": { problem: "capacity-invalid" },
  "prepayment-invalid": { problem: "prepayment-invalid" },
  "time-zone-unknown": { problem: "time-zone-unknown" },
  "interval-invalid": { problem: "interval-invalid", weekday: 1 },
  "intervals-overlap": { problem: "intervals-overlap", weekday: 7 },
  "weekday-invalid": { problem: "weekday-invalid", weekday: 9 },
  "rule-invalid": { problem: "rule-invalid", rule: "horizonDays" },
  "name-missing": { problem: "name-missing" },
  "text-too-long": { problem: "text-too-long" },
  "telegram-invalid": { problem: "telegram-invalid" },
  "telegram-taken": { problem: "telegram-taken" },
  "reminders-invalid": { problem: "reminders-invalid" },
  "hold-invalid": { problem: "hold-invalid" },
  "location-unknown": { problem: "location-unknown" },
  "location-inactive": { problem: "location-inactive" },
  "location-has-masters": { problem: "location-has-masters" },
  "service-unknown": { problem: "service-unknown" },
  "master-unknown": { problem: "master-unknown" },
};

test("every refusal of a catalogue change has its text in English and Russian", () => {
  for (const problem of Object.values(EVERY_PROBLEM)) {
    const { key } = problemMessage(problem);
    for (const locale of SUPPORTED_LOCALES) assert.ok(translator.has(locale, key), `${key} is missing in ${locale}`);
  }
});

test("a refusal names the weekday or the rule to fix, in the reader's language", () => {
  const say = (locale: "en" | "ru", problem: CatalogueProblem) => {
    const { key, args } = problemMessage(problem);
    return translator.translate(undefined, locale, key, args);
  };
  assert.match(say("en", EVERY_PROBLEM["intervals-overlap"]), /^Sunday: the intervals overlap/);
  assert.match(say("ru", EVERY_PROBLEM["intervals-overlap"]), /^Воскресенье: интервалы пересекаются/);
  assert.match(say("en", EVERY_PROBLEM["rule-invalid"]), /^The booking horizon must be a whole number/);
  assert.match(say("ru", EVERY_PROBLEM["rule-invalid"]), /^Горизонт записи: нужно целое число/);
});
