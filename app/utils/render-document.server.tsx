// Renders a document to UTF-8 bytes with React's web-streams renderer.
//
// React 18.3's Node renderer (renderToPipeableStream) splits its 2 KiB output
// views without regard to multi-byte letters and can emit a view's unused
// zeros: Russian and Kazakh pages got NUL bytes inside words (react#31134).
// The web-streams renderer encodes each string whole before it chunks bytes.
// See docs/decisions/0018-web-streams-renderer.md.
import type { ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server.browser";

type RenderOptions = {
  nonce?: string;
  /** Wait for every Suspense boundary (crawlers, tests) instead of streaming after the shell. */
  waitForAll: boolean;
  /** After this many milliseconds pending Suspense boundaries are sent as their fallbacks. */
  abortDelay: number;
  /** Errors after the shell was sent (the response status can no longer change). */
  onError: (error: unknown) => void;
};

/** Resolves once the shell is ready; rejects when the shell itself fails. */
export async function renderDocument(
  element: ReactNode,
  { nonce, waitForAll, abortDelay, onError }: RenderOptions,
): Promise<ReadableStream<Uint8Array>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), abortDelay);
  try {
    const stream = await renderToReadableStream(element, {
      nonce,
      signal: controller.signal,
      onError(error: unknown) {
        if (!controller.signal.aborted) onError(error);
      },
    });
    if (waitForAll) await stream.allReady;
    stream.allReady.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
    return stream;
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
}
