// A labelled input with its hint and translated error, wired for screen readers.
import { forwardRef, type InputHTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import { messageParts } from "~/utils/forms";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
};

export function ErrorMessage({ id, message }: { id: string; message?: string }) {
  const { t } = useTranslation();
  if (!message) return null;
  const [key, params] = messageParts(message);
  return (
    <p id={id} className="field__error" role="alert">
      {t(key, params)}
    </p>
  );
}

export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field(
  { name, label, hint, error, id, ...input },
  ref,
) {
  const inputId = id ?? `field-${name}`;
  const describedBy = [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p id={`${inputId}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        ref={ref}
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      <ErrorMessage id={`${inputId}-error`} message={error} />
    </div>
  );
});
