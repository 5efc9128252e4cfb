import type en from "./en";

/** Same shape as the English resource, every leaf a string: keeps the three languages in step. */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Translation = Strings<typeof en>;
