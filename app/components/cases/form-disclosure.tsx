// A case-file form that opens on demand, so that on a phone the summary, the
// next date and the timeline come first. A native <details>: it opens without
// JavaScript, and it is open when it carries an answer (errors, a conflict) to
// what was sent. On a wide screen, where there is room, it opens once hydrated.
import { useEffect, useRef, type ReactNode } from "react";

const WIDE_SCREEN = "(min-width: 64rem)";

export function FormDisclosure({
  summary,
  open,
  children,
}: {
  summary: string;
  open: boolean;
  children: ReactNode;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current && window.matchMedia(WIDE_SCREEN).matches) details.current.open = true;
  }, []);
  return (
    <details ref={details} className="form-disclosure" open={open || undefined}>
      <summary className="button">{summary}</summary>
      {children}
    </details>
  );
}
