// Every zod message Adal shows is a translation key. Schemas name their own
// where it helps; this maps the rest (wrong types, repeated fields, unknown
// choices) to plain translated messages. Imported by every schema module.
// Schemas are built with zod/mini, whose functions tree-shake: the browser
// gets only the checks a form uses (docs/decisions/0031-zod-mini-and-page-translations.md).
import * as z from "zod/mini";

z.config({
  // zod 4 probes `new Function` to compile fast parsers; under our CSP (no
  // 'unsafe-eval') that probe is a reported violation in every browser.
  jitless: true,
  customError: (issue) => {
    if (issue.input === undefined || issue.input === "") return "validation.required";
    switch (issue.code) {
      case "too_big":
        return issue.origin === "string"
          ? `validation.tooLong|${JSON.stringify({ max: Number(issue.maximum) })}`
          : issue.origin === "array"
            ? `validation.tooMany|${JSON.stringify({ max: Number(issue.maximum) })}`
            : `validation.tooBig|${JSON.stringify({ max: Number(issue.maximum) })}`;
      case "too_small":
        return issue.origin === "array"
          ? "validation.chooseOne"
          : `validation.tooSmall|${JSON.stringify({ min: Number(issue.minimum) })}`;
      case "invalid_value":
      case "invalid_union":
        return "validation.choose";
      default:
        return "validation.invalid";
    }
  },
});
