// Server logging. Never a token, password, code or worker identity; control
// characters are escaped so a value cannot forge log lines.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
const escape = (text: string) =>
  text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);

export function logError(error: unknown, request?: Request): void {
  const where = request ? `${request.method} ${new URL(request.url).pathname}` : "-";
  const what =
    error instanceof Error
      ? `${error.name}: ${error.message}\n${error.stack ?? ""}`
      : String(error);
  console.error(`[adal] error ${escape(where)} ${escape(what.split("\n")[0] ?? "")}`);
  if (error instanceof Error && error.stack && process.env.NODE_ENV !== "production")
    console.error(error.stack);
}

export function logInfo(message: string): void {
  console.log(`[adal] ${escape(message)}`);
}
