// react-hook-form + the form's zod schema in the browser, on top of a real
// <Form method="post"> that also works with JavaScript off. The server's
// errors (from the same schema, or its own checks) are shown the same way.
import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { useForm, type DefaultValues, type FieldValues } from "react-hook-form";
import type * as z from "zod/mini";
import type { FieldErrors } from "./forms";
import { useInitialFormValues } from "./typed-before-hydration";

export function useValidatedForm<S extends z.ZodMiniType<FieldValues, FieldValues>>(
  schema: S,
  options: {
    defaultValues?: DefaultValues<z.input<S>>;
    serverErrors?: FieldErrors;
    /** The <form>'s id: what was typed before hydration is kept, not overwritten. */
    formId?: string;
  } = {},
) {
  const submit = useSubmit();
  const defaultValues = useInitialFormValues(
    options.formId ?? "",
    (options.defaultValues ?? {}) as Record<string, unknown>,
  );
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues: defaultValues as DefaultValues<z.input<S>>,
    mode: "onTouched",
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    void form.handleSubmit(() => submit(target))(event);
  };
  const errorFor = (name: string): string | undefined => {
    const clientError = (form.formState.errors as Record<string, { message?: string } | undefined>)[
      name
    ];
    return clientError?.message ?? options.serverErrors?.[name];
  };
  return { ...form, onSubmit, errorFor };
}
