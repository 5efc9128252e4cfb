// A case's documents: GET shows the upload form and the list (the page a
// refused upload or withdrawal comes back to, with its errors, also without
// JavaScript); POST uploads (multipart) or withdraws a document.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  DocumentUploadForm,
  DocumentsList,
  UPLOAD_INTENT,
  type DocumentActionResult,
} from "~/components/cases/documents-panel";
import { Page } from "~/components/page";
import { requireUser } from "~/modules/auth/guards.server";
import { requireCaseAccess } from "~/modules/cases/access.server";
import { CaseActionError } from "~/modules/cases/errors";
import {
  DocumentRefused,
  loadDocumentsPage,
  uploadDocument,
  withdrawDocument,
} from "~/modules/documents/documents.server";
import {
  DOCUMENT_MAX_BYTES,
  documentSchema,
  withdrawDocumentSchema,
} from "~/modules/documents/schema";
import { readForm } from "~/utils/form-body.server";
import { formValues, parseForm } from "~/utils/forms";
import { requestContext } from "~/utils/request.server";
import { readUploadForm, UploadBodyError } from "~/utils/upload-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.reference} · Adal` : "Adal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await loadDocumentsPage(user, params.reference ?? "");
  return json(page, { headers: { "Cache-Control": "no-store" } });
}

const refused = (
  intent: string,
  values: Record<string, string>,
  fieldErrors: Record<string, string>,
  status: 400 | 403 | 413 = 400,
) => json<DocumentActionResult>({ intent, values, fieldErrors }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const reference = params.reference ?? "";
  // Before reading up to 25 MB from someone who cannot reach the case.
  await requireCaseAccess(user, reference);
  const context = requestContext(request);
  const caseUrl = `/cases/${encodeURIComponent(reference)}`;

  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    let upload;
    try {
      upload = await readUploadForm(request, {
        fileField: "file",
        maxFileBytes: DOCUMENT_MAX_BYTES,
      });
    } catch (error) {
      if (!(error instanceof UploadBodyError)) throw error;
      const message =
        error.status === 413 ? "caseFile.documents.tooLarge" : "caseFile.documents.badUpload";
      return refused(UPLOAD_INTENT, {}, { file: message }, error.status);
    }
    const values = formValues(upload.fields);
    const parsed = parseForm(upload.fields, documentSchema);
    const fieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
    if (upload.fileTooLarge) fieldErrors.file = "caseFile.documents.tooLarge";
    else if (!upload.file) fieldErrors.file = "caseFile.documents.fileRequired";
    if (!parsed.ok || !upload.file)
      return refused(UPLOAD_INTENT, values, fieldErrors, upload.fileTooLarge ? 413 : 400);
    try {
      await uploadDocument(
        user,
        reference,
        { ...parsed.data, fileName: upload.file.name, bytes: upload.file.bytes },
        context,
      );
    } catch (error) {
      if (error instanceof DocumentRefused)
        return refused(UPLOAD_INTENT, values, { file: error.messageKey }, error.status);
      throw error;
    }
    return redirect(`${caseUrl}?done=document#documents`);
  }

  const form = await readForm(request, 64 * 1024);
  const intent = String(form.get("intent") ?? "");
  if (!intent.startsWith("withdraw:")) throw new Response("Unknown action", { status: 400 });
  const parsed = parseForm(form, withdrawDocumentSchema);
  if (!parsed.ok) return refused(intent, formValues(form), parsed.fieldErrors);
  try {
    await withdrawDocument(user, reference, parsed.data, context);
  } catch (error) {
    if (error instanceof CaseActionError)
      return refused(intent, formValues(form), { [error.field]: error.messageKey }, error.status);
    throw error;
  }
  return redirect(`${caseUrl}?done=documentWithdrawn#documents`);
}

export default function CaseDocumentsPage() {
  const { reference, documents } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <Page
      title={t("caseFile.documents.uploadPageTitle", { reference })}
      actions={
        <Link to={`/cases/${encodeURIComponent(reference)}`}>
          {t("caseFile.documents.backToCase")}
        </Link>
      }
    >
      <section aria-labelledby="documents-heading" className="panel" id="documents">
        <h2 id="documents-heading">{t("caseFile.documents.heading")}</h2>
        <DocumentUploadForm reference={reference} result={result} />
        <DocumentsList reference={reference} documents={documents} result={result} />
      </section>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
