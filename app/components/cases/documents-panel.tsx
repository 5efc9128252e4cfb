// A case's documents: the upload form (a plain multipart form that works
// without JavaScript), and each document with its SHA-256, a download link
// and, for the uploader or a coordinator, a withdraw form. Both forms post to
// /cases/:reference/documents, which re-renders them with errors if needed.
import type { ActionResult } from "~/utils/action-result";
import { Form, useNavigation } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "~/i18n/react";
import {
  FormFieldsProvider,
  SelectField,
  TextAreaField,
  TextField,
} from "~/components/form/fields";
import { SealedText, type ReadableField } from "~/components/sealed-text";
import { ErrorMessage } from "~/components/ui/field";
import {
  DOCUMENT_ACCEPT,
  DOCUMENT_KINDS,
  DOCUMENT_MAX_BYTES,
  DOCUMENT_TITLE_MAX,
  documentSchema,
  withdrawDocumentSchema,
} from "~/modules/documents/schema";
import { formatDateTime, formatUnit } from "~/utils/format";
import { FormDisclosure } from "./form-disclosure";
import { useValidatedForm } from "~/utils/use-validated-form";

export type DocumentView = {
  id: string;
  /** Sealed with the case key: the text, or why it cannot be shown (sealed, destroyed, …). */
  title: ReadableField;
  kind: string;
  fileName: ReadableField;
  sizeBytes: number;
  sha256: string;
  receivedSha256: string | null;
  metadataStripped: boolean;
  createdAt: string;
  withdrawnAt: string | null;
  withdrawnReason: ReadableField | null;
  uploadedBy: { displayName: string };
  canWithdraw: boolean;
};

export const UPLOAD_INTENT = "upload";
export const withdrawIntent = (documentId: string) => `withdraw:${documentId}`;
const documentsPath = (reference: string) => `/cases/${encodeURIComponent(reference)}/documents`;

export function formatFileSize(bytes: number, locale: string): string {
  const [value, unit] =
    bytes >= 1024 * 1024
      ? [bytes / (1024 * 1024), "megabyte"]
      : bytes >= 1024
        ? [bytes / 1024, "kilobyte"]
        : [bytes, "byte"];
  return formatUnit(value, unit, locale);
}

export function DocumentsPanel({
  reference,
  documents,
  result,
}: {
  reference: string;
  documents: DocumentView[];
  result?: ActionResult;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="documents-heading" className="panel" id="documents">
      <h2 id="documents-heading">{t("caseFile.documents.heading")}</h2>
      <FormDisclosure
        summary={t("caseFile.documents.submit")}
        open={result?.intent === UPLOAD_INTENT}
      >
        <DocumentUploadForm reference={reference} result={result} />
      </FormDisclosure>
      <DocumentsList reference={reference} documents={documents} result={result} />
    </section>
  );
}

export function DocumentUploadForm({
  reference,
  result,
}: {
  reference: string;
  result?: ActionResult;
}) {
  const { t } = useTranslation();
  const mine = result?.intent === UPLOAD_INTENT ? result : undefined;
  const values: Record<string, string> = {
    title: "",
    kind: "",
    ...(mine?.values as Record<string, string> | undefined),
  };
  const form = useValidatedForm(documentSchema, {
    defaultValues: values as never,
    serverErrors: mine?.fieldErrors,
  });
  // The file is checked in the browser only for what it can see (chosen, size);
  // its real type is decided on the server.
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const navigation = useNavigation();
  const busy =
    navigation.state === "submitting" && navigation.formData?.get("intent") === UPLOAD_INTENT;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
    const chosen = input?.files?.[0];
    const problem = !chosen
      ? "caseFile.documents.fileRequired"
      : chosen.size === 0
        ? "caseFile.documents.emptyFile"
        : chosen.size > DOCUMENT_MAX_BYTES
          ? "caseFile.documents.tooLarge"
          : undefined;
    setFileError(problem);
    if (problem) {
      event.preventDefault();
      void form.trigger();
      return;
    }
    form.onSubmit(event);
  };
  const fileMessage = fileError ?? mine?.fieldErrors?.file;
  const fileId = "doc-upload-file";
  return (
    <FormFieldsProvider
      value={{
        register: form.register as never,
        errorFor: form.errorFor,
        valueFor: (path) => values[path],
        idPrefix: "doc-upload-",
      }}
    >
      <Form
        method="post"
        action={documentsPath(reference)}
        encType="multipart/form-data"
        noValidate
        onSubmit={onSubmit}
        className="stack case-form"
        aria-label={t("caseFile.documents.uploadHeading")}
      >
        <input type="hidden" name="intent" value={UPLOAD_INTENT} />
        {mine?.formError ? (
          <p className="alert alert--error" role="alert">
            {t(mine.formError)}
          </p>
        ) : null}
        <TextField
          name="title"
          label={t("caseFile.documents.title")}
          hint={t("caseFile.documents.titleHint")}
          maxLength={DOCUMENT_TITLE_MAX}
          required
        />
        <SelectField
          name="kind"
          label={t("caseFile.documents.kind")}
          options={DOCUMENT_KINDS.map((kind) => ({
            value: kind,
            label: t(`caseFile.documents.kinds.${kind}`),
          }))}
          required
        />
        <div className={fileMessage ? "field field--invalid" : "field"}>
          <label htmlFor={fileId}>
            {t("caseFile.documents.file")}
            <span aria-hidden="true" className="required-mark">
              {" "}
              *
            </span>
          </label>
          <p id={`${fileId}-hint`} className="field__hint">
            {t("caseFile.documents.fileHint")}
          </p>
          <input
            type="file"
            id={fileId}
            name="file"
            accept={DOCUMENT_ACCEPT}
            aria-required
            aria-invalid={fileMessage ? true : undefined}
            aria-describedby={[`${fileId}-hint`, fileMessage ? `${fileId}-error` : null]
              .filter(Boolean)
              .join(" ")}
            onChange={() => setFileError(undefined)}
          />
          <ErrorMessage id={`${fileId}-error`} message={fileMessage} />
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("caseFile.documents.submit")}
        </button>
      </Form>
    </FormFieldsProvider>
  );
}

export function DocumentsList({
  reference,
  documents,
  result,
}: {
  reference: string;
  documents: DocumentView[];
  result?: ActionResult;
}) {
  const { t, i18n } = useTranslation();
  if (documents.length === 0) return <p className="field__hint">{t("caseFile.documents.empty")}</p>;
  return (
    <ul className="notes documents">
      {documents.map((document) => (
        <li key={document.id} className={document.withdrawnAt ? "note note--withdrawn" : "note"}>
          <h3 className="document__title">
            <SealedText field={document.title} />
          </h3>
          <p className="note__meta">
            <span className="badge">{t(`caseFile.documents.kinds.${document.kind}`)}</span>{" "}
            {formatFileSize(document.sizeBytes, i18n.language)} ·{" "}
            {t("caseFile.documents.uploadedBy", {
              name: document.uploadedBy.displayName,
              date: formatDateTime(document.createdAt, i18n.language),
            })}
            {document.withdrawnAt ? (
              <span className="badge">{t("caseFile.documents.withdrawnBadge")}</span>
            ) : null}
          </p>
          {document.withdrawnReason ? (
            <p className="field__hint">
              <SealedText field={document.withdrawnReason} />
            </p>
          ) : null}
          <dl className="document__hashes">
            <div>
              <dt>{t("caseFile.documents.sha256")}</dt>
              <dd>
                <code className="document__hash" data-testid="document-sha256">
                  {document.sha256}
                </code>
              </dd>
            </div>
            {document.receivedSha256 ? (
              <div>
                <dt>{t("caseFile.documents.receivedSha256")}</dt>
                <dd>
                  <code className="document__hash">{document.receivedSha256}</code>
                </dd>
              </div>
            ) : null}
          </dl>
          <p className="field__hint">
            {document.metadataStripped ? `${t("caseFile.documents.metadataStripped")}. ` : null}
            {t("caseFile.documents.sha256Hint")}
          </p>
          <p>
            {/* A plain link: the file comes as an attachment (its name from the server), and a
                document that cannot be had now (the server is sealed) answers with a page. */}
            <a
              href={`${documentsPath(reference)}/${document.id}`}
              aria-label={t("caseFile.documents.downloadNamed", {
                title: document.title.ok
                  ? document.title.value
                  : t(`sealed.field.${document.title.reason}`),
              })}
            >
              {t("caseFile.documents.download")}
            </a>{" "}
            <SealedText field={document.fileName} className="field__hint" />
          </p>
          {document.canWithdraw ? (
            <WithdrawDocumentForm reference={reference} document={document} result={result} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function WithdrawDocumentForm({
  reference,
  document,
  result,
}: {
  reference: string;
  document: DocumentView;
  result?: ActionResult;
}) {
  const { t } = useTranslation();
  const intent = withdrawIntent(document.id);
  const mine = result?.intent === intent ? result : undefined;
  const values: Record<string, string> = {
    reason: "",
    ...(mine?.values as Record<string, string> | undefined),
    documentId: document.id,
  };
  const form = useValidatedForm(withdrawDocumentSchema, {
    defaultValues: values as never,
    serverErrors: mine?.fieldErrors,
  });
  return (
    <details className="note__withdraw" open={mine ? true : undefined}>
      <summary>{t("caseFile.documents.withdraw")}</summary>
      <FormFieldsProvider
        value={{
          register: form.register as never,
          errorFor: form.errorFor,
          valueFor: (path) => values[path],
          idPrefix: `doc-${document.id}-`,
        }}
      >
        <Form
          method="post"
          action={documentsPath(reference)}
          noValidate
          onSubmit={form.onSubmit}
          className="stack case-form"
        >
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" defaultValue={document.id} {...form.register("documentId")} />
          {mine?.formError ? (
            <p className="alert alert--error" role="alert">
              {t(mine.formError)}
            </p>
          ) : null}
          <TextAreaField
            name="reason"
            label={t("caseFile.documents.withdrawReason")}
            rows={2}
            maxLength={2000}
            required
          />
          <button type="submit" className="button">
            {t("caseFile.documents.withdrawSubmit")}
          </button>
        </Form>
      </FormFieldsProvider>
    </details>
  );
}
