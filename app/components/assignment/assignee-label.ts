import type { TFunction } from "~/i18n/translate";

/** "Name — 3 open · works in the region · 2 similar cases": what a coordinator weighs when choosing. */
export function assigneeLabel(
  t: TFunction,
  person: { displayName: string; openCases: number; inRegion: boolean; experience: number },
): string {
  const facts = [
    t("assignment.openCases", { count: person.openCases }),
    person.inRegion ? t("assignment.inRegion") : null,
    person.experience > 0 ? t("assignment.experience", { count: person.experience }) : null,
  ].filter(Boolean);
  return `${person.displayName} — ${facts.join(" · ")}`;
}
