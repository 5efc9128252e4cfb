// A case's documents: GET shows the upload form and the list (the page a
// refused upload or withdrawal comes back to, with its errors, also without
// JavaScript); POST uploads (multipart) or withdraws a document.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import {
  DocumentUploadForm,
  DocumentsList,
  UPLOAD_INTENT,
} from "~/components/cases/documents-panel";
import { Page } from "~/components/page";
import { requireUser } from "~/modules/auth/guards.server";
import { requireCaseAccess } from "~/modules/cases/access.server";
import {
  loadDocumentsPage,
  uploadDocument,
  withdrawDocument,
} from "~/modules/documents/documents.server";
import {
  DOCUMENT_MAX_BYTES,
  documentSchema,
  withdrawDocumentSchema,
} from "~/modules/documents/schema";
import { answering, formAction, loaderWith, safeValues } from "~/utils/answer.server";
import { DomainError } from "~/utils/domain-error";
import { parseForm } from "~/utils/forms";
import { requestContext } from "~/utils/request.server";
import { readUploadForm } from "~/utils/upload-form.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.reference} · Adal` : "Adal" },
];

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireUser(request);
    const page = await loadDocumentsPage(user, params.reference ?? "", requestContext(request));
    return json(page, { headers: { "Cache-Control": "no-store" } });
  },
);

const caseUrl = (reference: string) => `/cases/${encodeURIComponent(reference)}`;

/** An upload (multipart, up to 25 MB): read only for someone who reaches the case. */
const upload = /* @__PURE__ */ loaderWith(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request);
  const reference = params.reference ?? "";
  await requireCaseAccess(user, reference);
  const refused = { intent: UPLOAD_INTENT, values: {} as Record<string, unknown> };
  return answering(refused, async () => {
    const form = await readUploadForm(request, {
      fileField: "file",
      maxFileBytes: DOCUMENT_MAX_BYTES,
    });
    refused.values = safeValues(form.fields);
    const parsed = parseForm(form.fields, documentSchema);
    const fieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
    if (form.fileTooLarge) fieldErrors.file = "caseFile.documents.tooLarge";
    else if (!form.file) fieldErrors.file = "caseFile.documents.fileRequired";
    if (form.fileTooLarge) throw new DomainError("tooLarge", { fieldErrors });
    if (!parsed.ok || !form.file) throw DomainError.invalid(fieldErrors);
    await uploadDocument(
      user,
      reference,
      { ...parsed.data, fileName: form.file.name, bytes: form.file.bytes },
      requestContext(request),
    );
    return redirect(`${caseUrl(reference)}?done=document#documents`);
  });
});

const withdraw = /* @__PURE__ */ formAction(
  { maxBytes: 65_536 },
  async ({ request, params, intent, parse }) => {
    const user = await requireUser(request);
    const reference = params.reference ?? "";
    await requireCaseAccess(user, reference);
    if (!intent.startsWith("withdraw:")) throw new Response("Unknown action", { status: 400 });
    await withdrawDocument(user, reference, parse(withdrawDocumentSchema), requestContext(request));
    return redirect(`${caseUrl(reference)}?done=documentWithdrawn#documents`);
  },
);

export async function action(args: ActionFunctionArgs) {
  const multipart = /^multipart\/form-data/i.test(args.request.headers.get("Content-Type") ?? "");
  return multipart ? upload(args) : withdraw(args);
}

export const handle: TranslatedHandle = { i18n: ["caseFile", "validation"] };

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
