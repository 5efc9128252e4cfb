// Renders a document to UTF-8: in one piece when nothing on the page is deferred, else as a
// stream with React's web-streams renderer.
//
// React 18.3's Node renderer (renderToPipeableStream) splits its 2 KiB output
// views without regard to multi-byte letters and can emit a view's unused
// zeros: Russian and Kazakh pages got NUL bytes inside words (react#31134).
// The web-streams renderer encodes each string whole before it chunks bytes;
// renderToString builds a string, encoded here in one piece.
// See docs/decisions/0018-web-streams-renderer.md and 0055.
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { renderToReadableStream } from "react-dom/server.browser";

type RenderOptions = {
  /**
   * Something on the page is deferred (a loader's `defer`): stream the shell first and the
   * rest as it resolves. Otherwise the page is whole at its first render and is sent in one
   * piece: React's streaming renderer would encode it string by string into 512-byte chunks.
   */
  streaming: boolean;
  nonce?: string;
  /** Wait for every Suspense boundary (crawlers, tests) instead of streaming after the shell. */
  waitForAll: boolean;
  /** After this many milliseconds pending Suspense boundaries are sent as their fallbacks. */
  abortDelay: number;
  /** Errors after the shell was sent (the response status can no longer change). */
  onError: (error: unknown) => void;
};

/**
 * The whole page's bytes; or, streaming, a stream once the shell is ready. Rejects when the page
 * (the shell) fails to render.
 */
export async function renderDocument(
  element: ReactNode,
  { streaming, nonce, waitForAll, abortDelay, onError }: RenderOptions,
): Promise<ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>> {
  // Encoded here, natively and at once: a string body would first be checked and copied as a
  // USVString by the Response (measured: 0.2 ms for a 70 kB page).
  if (!streaming) return Buffer.from(renderToString(element));
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
