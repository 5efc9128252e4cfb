// The employer, suggested from existing records as the organizer types (name
// or BIN), and the chain above it. Without JavaScript the server matches an
// existing employer by BIN or name itself.
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { HiddenField, SelectField, TextField } from "~/components/form/fields";
import type { EmployerSuggestion } from "~/modules/employers/employers.server";
import { CHAIN_ROLES, SECTORS } from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";

const CHAIN_FIELD: Record<(typeof CHAIN_ROLES)[number], string> = {
  CONTRACTOR: "contractor",
  PARENT_COMPANY: "parentCompany",
  RECRUITMENT_AGENCY: "recruitmentAgency",
};

export function EmployerFields({
  chosenId,
  typedName,
  setValue,
  hydrated,
}: {
  chosenId: string | undefined;
  typedName: string | undefined;
  setValue?: (name: string, value: string) => void;
  hydrated: boolean;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ employers: EmployerSuggestion[] }>();
  const [chosenName, setChosenName] = useState<string | null>(null);
  const lastQuery = useRef("");
  const e = (key: string) => t(`intake.employer.${key}`);

  useEffect(() => {
    const query = (typedName ?? "").trim();
    if (!hydrated || chosenId || query.length < 2 || query === lastQuery.current) return;
    const timer = setTimeout(() => {
      lastQuery.current = query;
      fetcher.load(`/employers/suggest?${new URLSearchParams({ q: query })}`);
    }, 250);
    return () => clearTimeout(timer);
  }, [typedName, chosenId, hydrated, fetcher]);

  const choose = (employer: EmployerSuggestion) => {
    setValue?.("employer.id", employer.id);
    setValue?.("employer.name", employer.name);
    setValue?.("employer.bin", employer.bin ?? "");
    setValue?.("employer.sector", employer.sector);
    setValue?.("employer.region", employer.region ?? "");
    setChosenName(employer.name);
  };
  const unlink = () => {
    setValue?.("employer.id", "");
    setChosenName(null);
    lastQuery.current = "";
  };
  const suggestions = fetcher.data?.employers ?? [];
  const showSuggestions =
    hydrated && !chosenId && (typedName ?? "").trim().length >= 2 && fetcher.data;

  return (
    <>
      <HiddenField name="employer.id" />
      <TextField
        name="employer.name"
        label={e("name")}
        hint={e("nameHint")}
        autoComplete="off"
        maxLength={200}
      />
      {chosenId ? (
        <p className="alert alert--ok" role="status">
          {t("intake.employer.chosen", { name: chosenName ?? typedName ?? "" })}{" "}
          <button type="button" className="link-button" onClick={unlink}>
            {e("unlink")}
          </button>
        </p>
      ) : null}
      {showSuggestions ? (
        <div className="suggestions" aria-live="polite">
          {suggestions.length > 0 ? (
            <>
              <p className="suggestions__title">{e("suggestions")}</p>
              <ul>
                {suggestions.map((employer) => (
                  <li key={employer.id}>
                    <button type="button" className="suggestion" onClick={() => choose(employer)}>
                      <strong>{employer.name}</strong>
                      <span>
                        {[
                          employer.bin,
                          t(`sectors.${employer.sector}`),
                          employer.region ? t(`regions.${employer.region}`) : null,
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="field__hint">{e("noSuggestions")}</p>
          )}
        </div>
      ) : null}
      <div className="grid" hidden={Boolean(chosenId)}>
        <TextField
          name="employer.bin"
          label={e("bin")}
          hint={e("binHint")}
          inputMode="numeric"
          autoComplete="off"
          maxLength={14}
        />
        <SelectField
          name="employer.sector"
          label={e("sector")}
          options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
        />
        <SelectField
          name="employer.region"
          label={e("region")}
          options={REGIONS.map((r) => ({ value: r, label: t(`regions.${r}`) }))}
        />
      </div>
      <details className="chain" open={!hydrated}>
        <summary>{e("chainHeading")}</summary>
        <p className="field__hint">{e("chainHint")}</p>
        {CHAIN_ROLES.map((role) => (
          <fieldset key={role} className="grid">
            <legend>{t(`employerRoles.${role}`)}</legend>
            <TextField
              name={`chain.${CHAIN_FIELD[role]}.name`}
              label={e("linkName")}
              autoComplete="off"
              maxLength={200}
            />
            <TextField
              name={`chain.${CHAIN_FIELD[role]}.bin`}
              label={e("linkBin")}
              inputMode="numeric"
              autoComplete="off"
              maxLength={14}
            />
          </fieldset>
        ))}
      </details>
    </>
  );
}
