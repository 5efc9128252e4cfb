import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { keyBanner } from "~/modules/keys/banner.server";
import { AppShell } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DEFAULT_LANGUAGE } from "~/i18n/config";
import { languageFor } from "~/i18n/i18n.server";
import { DocumentTextsScript, useRouteSections } from "~/i18n/react";
import { getUser } from "~/modules/auth/guards.server";
import { unreadCount } from "~/modules/notifications/notifications.server";
import { isDemoMode } from "~/utils/env.server";
import { useNonce } from "~/utils/nonce-provider";
import { markHydrated } from "~/utils/typed-before-hydration";
import styles from "~/styles/app.css";
import noScriptStyles from "~/styles/no-script.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Adal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, lang] = await Promise.all([getUser(request), languageFor(request)]);
  return json({
    lang,
    demo: isDemoMode(),
    user: user && {
      displayName: user.displayName,
      role: user.role,
      unread: await unreadCount(user),
    },
    // Signed-in people see whether names and stories can be read now (docs/decisions/0027).
    keys: user ? keyBanner() : null,
  });
}

export type RootLoaderData = typeof loader;

export function useRootData() {
  return useRouteLoaderData<RootLoaderData>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  return (
    <html lang={data?.lang ?? DEFAULT_LANGUAGE}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <Meta />
        <Links />
        <noscript>
          <link rel="stylesheet" href={noScriptStyles} />
        </noscript>
      </head>
      <body>
        <AppShell
          user={data?.user ?? null}
          keys={data?.keys ?? null}
          lang={data?.lang ?? DEFAULT_LANGUAGE}
        >
          {children}
        </AppShell>
        <DocumentTextsScript nonce={nonce} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useRouteSections();
  useEffect(() => markHydrated(), []);
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
