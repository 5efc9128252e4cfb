import { useTranslation } from "~/i18n/react";
import { CheckboxField, TextAreaField } from "~/components/form/fields";
import { NOTE_MAX, noteSchema, withdrawNoteSchema } from "~/modules/cases/schema";
import { formatDateTime } from "~/utils/format";
import type { ActionResult } from "~/utils/action-result";
import { SealedText, type ReadableField } from "~/components/sealed-text";
import { CaseForm } from "./case-forms";
import { LinkedText } from "./linked-text";

export type NoteView = {
  id: string;
  body: ReadableField;
  legal: boolean;
  createdAt: string;
  withdrawnAt: string | null;
  withdrawnReason: ReadableField | null;
  author: { displayName: string };
  canWithdraw: boolean;
};

export function NotesPanel({
  notes,
  canWriteLegal,
  result,
}: {
  notes: NoteView[];
  canWriteLegal: boolean;
  result?: ActionResult;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="notes-heading" className="panel">
      <h2 id="notes-heading">{t("caseFile.notes.heading")}</h2>
      <CaseForm
        intent="note"
        schema={noteSchema}
        defaults={{ body: "", legal: false }}
        result={result}
        submitLabel={t("caseFile.notes.submit")}
        disclosure={t("caseFile.notes.submit")}
      >
        <TextAreaField
          name="body"
          label={t("caseFile.notes.body")}
          hint={t("caseFile.notes.bodyHint")}
          rows={4}
          maxLength={NOTE_MAX}
          required
        />
        {canWriteLegal ? (
          <CheckboxField
            name="legal"
            label={t("caseFile.notes.legal")}
            hint={t("caseFile.notes.legalHint")}
          />
        ) : null}
      </CaseForm>
      {notes.length === 0 ? <p className="field__hint">{t("caseFile.notes.empty")}</p> : null}
      <ul className="notes">
        {notes.map((note) => (
          <li
            key={note.id}
            className={
              note.withdrawnAt ? "note note--withdrawn" : note.legal ? "note note--legal" : "note"
            }
          >
            <p className="note__meta">
              <strong>{note.author.displayName}</strong> ·{" "}
              <time dateTime={note.createdAt}>{formatDateTime(note.createdAt, i18n.language)}</time>
              {note.legal ? (
                <span className="badge badge--high">{t("caseFile.notes.legalBadge")}</span>
              ) : null}
              {note.withdrawnAt ? (
                <span className="badge">{t("caseFile.notes.withdrawnBadge")}</span>
              ) : null}
            </p>
            {note.body.ok ? (
              <LinkedText text={note.body.value} />
            ) : (
              <p>
                <SealedText field={note.body} />
              </p>
            )}
            {note.withdrawnReason ? (
              <p className="field__hint">
                <SealedText field={note.withdrawnReason} />
              </p>
            ) : null}
            {note.canWithdraw ? (
              <details className="note__withdraw">
                <summary>{t("caseFile.notes.withdraw")}</summary>
                <CaseForm
                  intent={`withdrawNote:${note.id}`}
                  schema={withdrawNoteSchema}
                  defaults={{ noteId: note.id, reason: "" }}
                  result={result}
                  hidden={{ noteId: note.id }}
                  submitLabel={t("caseFile.notes.withdrawSubmit")}
                >
                  <TextAreaField
                    name="reason"
                    label={t("caseFile.notes.withdrawReason")}
                    rows={2}
                    maxLength={2000}
                    required
                  />
                </CaseForm>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
