// react-hook-form + the form's zod schema in the browser, on top of a real
// <Form method="post"> that also works with JavaScript off. The server's
// errors (from the same schema, or its own checks) are shown the same way.
import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { useForm, type DefaultValues, type FieldValues } from "react-hook-form";
import type { z } from "zod";
import type { FieldErrors } from "./forms";

export function useValidatedForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: { defaultValues?: DefaultValues<z.input<S>>; serverErrors?: FieldErrors } = {},
) {
  const submit = useSubmit();
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues: options.defaultValues,
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
