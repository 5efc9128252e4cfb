// A form field whose stored text failed its integrity check (docs/decisions/0043): said in
// words, not shown as empty, with the box that lets the person replace it. Without the box
// ticked, saving keeps the stored text byte for byte. Plain checkboxes: works without JavaScript.
import type { ReactNode } from "react";
import { CheckboxField } from "~/components/form/fields";
import { useTranslation } from "~/i18n/react";

/** Fields that cannot be read, each with the name of its "replace" box (none: shared, elsewhere). */
export type UnreadableFields = Record<string, { replaceName?: string }>;

function UnreadableNotice({ id, replaceName }: { id: string; replaceName?: string }) {
  const { t } = useTranslation();
  return (
    <div id={id} className="unreadable-field">
      <p>
        <span className="sealed-field sealed-field--unreadable">
          {t("sealed.field.unreadable")}
        </span>{" "}
        {t(replaceName ? "caseFile.edit.unreadable.hint" : "caseFile.edit.unreadable.inGroup")}
      </p>
      {replaceName ? (
        <CheckboxField name={replaceName} label={t("caseFile.edit.unreadable.replace")} />
      ) : null}
    </div>
  );
}

/** The `unreadableNotice` of a form's fields (see FormFieldsProvider), or undefined if none. */
export function unreadableNotices(
  fields: UnreadableFields | undefined,
): ((name: string, id: string) => ReactNode) | undefined {
  if (!fields || Object.keys(fields).length === 0) return undefined;
  return function noticeFor(name, id) {
    const field = fields[name];
    return field ? <UnreadableNotice id={id} replaceName={field.replaceName} /> : null;
  };
}

/** One box for a group of fields stored together (a case's written answers). */
export function UnreadableGroup({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--warn unreadable-field">
      <p>
        <strong>{t("caseFile.edit.unreadable.groupTitle")}</strong>{" "}
        {t("caseFile.edit.unreadable.hint")}
      </p>
      <CheckboxField name={name} label={t("caseFile.edit.unreadable.groupReplace")} />
    </div>
  );
}
