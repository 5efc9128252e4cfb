// Form fields for forms that must work with and without JavaScript. Each
// field renders its submitted value into the HTML (so a server re-render keeps
// what was typed), registers with react-hook-form when there is one, and shows
// a translated error from the browser or the server next to itself.
import { createContext, useContext, type ReactNode, type InputHTMLAttributes } from "react";
import type { UseFormRegister } from "react-hook-form";
import { useTranslation } from "~/i18n/react";
import { ErrorMessage } from "~/components/ui/field";

type FieldsContext = {
  register?: UseFormRegister<Record<string, unknown>>;
  errorFor: (path: string) => string | undefined;
  valueFor: (path: string) => unknown;
  /** Keeps ids unique when several forms with the same field names share a page. */
  idPrefix?: string;
  /**
   * What a field whose stored text cannot be read shows above its control (decision 0043),
   * with the given id; null for the others. From the case forms, which know the words.
   */
  unreadableNotice?: (name: string, id: string) => ReactNode;
};

const Context = createContext<FieldsContext>({
  errorFor: () => undefined,
  valueFor: () => undefined,
});
export const FormFieldsProvider = Context.Provider;
export const useFormFields = () => useContext(Context);

const idFor = (name: string) => `f-${name.replace(/\./g, "-")}`;
const asString = (v: unknown) =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
const isChecked = (v: unknown, option?: string) =>
  option === undefined
    ? v === true || v === "on" || v === "true"
    : Array.isArray(v)
      ? v.includes(option)
      : v === option;

function useField(name: string) {
  const { register, errorFor, valueFor, idPrefix = "", unreadableNotice } = useFormFields();
  const registered = register ? register(name) : { name };
  const id = `${idPrefix}${idFor(name)}`;
  return {
    registered,
    error: errorFor(name),
    value: valueFor(name),
    id,
    unreadable: unreadableNotice?.(name, `${id}-unreadable`) ?? null,
  };
}

function Label({
  id,
  children,
  required,
}: {
  id: string;
  children: ReactNode;
  required?: boolean;
}) {
  return (
    <label htmlFor={id}>
      {children}
      {required ? (
        <span aria-hidden="true" className="required-mark">
          {" "}
          *
        </span>
      ) : null}
    </label>
  );
}

function describedBy(id: string, hint?: ReactNode, error?: string, unreadable?: unknown) {
  return (
    [
      hint ? `${id}-hint` : null,
      unreadable ? `${id}-unreadable` : null,
      error ? `${id}-error` : null,
    ]
      .filter(Boolean)
      .join(" ") || undefined
  );
}

function Hint({ id, children }: { id: string; children?: ReactNode }) {
  return children ? (
    <p id={`${id}-hint`} className="field__hint">
      {children}
    </p>
  ) : null;
}

type Frame = { name: string; label: ReactNode; hint?: ReactNode; required?: boolean };

/** A labelled control: the frame, its hint and error, and the props that tie the control to them. */
function useFramedField({ name, label, hint, required }: Frame) {
  const { registered, error, value, id, unreadable } = useField(name);
  const control = {
    id,
    defaultValue: asString(value),
    // Left empty, a field that cannot be read keeps its stored text: not required then.
    "aria-required": (required && !unreadable) || undefined,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, hint, error, unreadable),
    ...registered,
  };
  const frame = (children: ReactNode) => (
    <div className={error ? "field field--invalid" : "field"}>
      <Label id={id} required={required && !unreadable}>
        {label}
      </Label>
      <Hint id={id}>{hint}</Hint>
      {unreadable}
      {children}
      <ErrorMessage id={`${id}-error`} message={error} />
    </div>
  );
  return { control, frame };
}

type TextProps = Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue"> & Frame;

export function TextField({ name, label, hint, required, ...input }: TextProps) {
  const { control, frame } = useFramedField({ name, label, hint, required });
  return frame(<input {...input} {...control} />);
}

export function TextAreaField({
  rows = 6,
  maxLength,
  ...field
}: Frame & { rows?: number; maxLength?: number }) {
  const { control, frame } = useFramedField(field);
  return frame(<textarea rows={rows} maxLength={maxLength} {...control} />);
}

export type Option = { value: string; label: string };

export function SelectField({
  options,
  placeholder,
  ...field
}: Frame & { options: Option[]; placeholder?: string }) {
  const { t } = useTranslation();
  const { control, frame } = useFramedField(field);
  return frame(
    <select {...control}>
      <option value="">{placeholder ?? t("common.choose")}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>,
  );
}

export function CheckboxField({
  name,
  label,
  hint,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
}) {
  const { registered, error, value, id } = useField(name);
  return (
    <div className={error ? "field field--check field--invalid" : "field field--check"}>
      <input
        type="checkbox"
        id={id}
        value="on"
        defaultChecked={isChecked(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...registered}
      />
      <label htmlFor={id}>{label}</label>
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={`${id}-error`} message={error} />
    </div>
  );
}

/** Radio buttons (one answer) or checkboxes (several) under one legend. */
export function ChoiceGroup({
  name,
  legend,
  hint,
  options,
  multiple,
  required,
  className,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: Option[];
  multiple?: boolean;
  required?: boolean;
  className?: string;
}) {
  const { registered, error, value, id } = useField(name);
  return (
    <fieldset
      className={["choice-group", className, error ? "field--invalid" : null]
        .filter(Boolean)
        .join(" ")}
      // A group of radios is a radiogroup, which may be marked required; a fieldset may not.
      role={multiple ? undefined : "radiogroup"}
      aria-describedby={describedBy(id, hint, error)}
      aria-required={(!multiple && required) || undefined}
    >
      <legend>
        {legend}
        {required ? (
          <span aria-hidden="true" className="required-mark">
            {" "}
            *
          </span>
        ) : null}
      </legend>
      <Hint id={id}>{hint}</Hint>
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input
            type={multiple ? "checkbox" : "radio"}
            value={option.value}
            defaultChecked={isChecked(value, option.value)}
            {...registered}
          />
          <span>{option.label}</span>
        </label>
      ))}
      <ErrorMessage id={`${id}-error`} message={error} />
    </fieldset>
  );
}

export function HiddenField({ name }: { name: string }) {
  const { registered, value } = useField(name);
  return <input type="hidden" defaultValue={asString(value)} {...registered} />;
}
