// A protected field as a page shows it (docs/decisions/0027): the text, or a
// short translated word for why it cannot be shown — the server is sealed,
// the case's key was destroyed, or the stored value failed its integrity check.
import { useTranslation } from "~/i18n/react";

/** The loader's shape of a protected field (see app/modules/keys/case-fields.server.ts). */
export type ReadableField =
  { ok: true; value: string } | { ok: false; reason: "sealed" | "destroyed" | "unreadable" };

/** The text of a protected field when it can be shown, else undefined (for inputs' default values). */
export function textOf(field: ReadableField | null | undefined): string | undefined {
  return field?.ok ? field.value : undefined;
}

/**
 * A protected field as plain text (inside a sentence or a title attribute): its text, or the
 * translated word for why it cannot be shown. Accepts a bare string too (entries written
 * before the field was sealed).
 */
export function sealedWord(
  field: ReadableField | string | null | undefined,
  t: (key: string) => string,
): string {
  if (field == null) return "";
  if (typeof field === "string") return field;
  return field.ok ? field.value : t(`sealed.field.${field.reason}`);
}

export function SealedText({
  field,
  className,
  empty = null,
}: {
  field: ReadableField | null | undefined;
  className?: string;
  /** What to show for a field that was never filled in. */
  empty?: React.ReactNode;
}) {
  const { t } = useTranslation();
  if (!field) return <>{empty}</>;
  if (field.ok)
    return className ? <span className={className}>{field.value}</span> : <>{field.value}</>;
  return (
    <span
      className={`sealed-field sealed-field--${field.reason}`}
      title={t(`sealed.hint.${field.reason}`)}
    >
      {t(`sealed.field.${field.reason}`)}
    </span>
  );
}
