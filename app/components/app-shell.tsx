// The frame around every page: skip link, header with role navigation,
// language switcher and sign-out.
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import type { Role } from "~/generated/prisma/sqlite/enums";
import { LanguageSwitcher } from "./language-switcher";

type NavItem = { to: string; label: string };

const NAV: Record<Role, NavItem[]> = {
  ORGANIZER: [
    { to: "/cases/new", label: "nav.newIntake" },
    { to: "/my", label: "nav.myCases" },
    { to: "/cases/mine", label: "nav.myIntakes" },
    { to: "/cases", label: "nav.cases" },
  ],
  LAWYER: [
    { to: "/my", label: "nav.myCases" },
    { to: "/cases", label: "nav.cases" },
  ],
  COORDINATOR: [
    { to: "/triage", label: "nav.triage" },
    { to: "/cases", label: "nav.cases" },
    { to: "/reassign", label: "nav.reassign" },
    { to: "/caseload", label: "nav.caseload" },
    { to: "/reports", label: "nav.reports" },
    { to: "/employers", label: "nav.employers" },
  ],
  ADMIN: [
    { to: "/admin/users", label: "nav.users" },
    { to: "/admin/cases", label: "nav.caseRegister" },
    { to: "/audit", label: "nav.audit" },
    { to: "/admin/retention", label: "nav.retention" },
  ],
};

export function navigationFor(role: Role): NavItem[] {
  return NAV[role];
}

export function AppShell({
  user,
  keys = null,
  lang,
  children,
}: {
  user: { displayName: string; role: Role; unread: number } | null;
  /** docs/decisions/0027: the server is sealed, or runs on the demo key. */
  keys?: "sealed" | "demo" | null;
  lang: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <div className="app-header__bar">
          <NavLink to="/" className="brand" aria-label={t("app.name")}>
            <span aria-hidden="true" className="brand__mark">
              ⚖
            </span>
            {t("app.name")}
          </NavLink>
          <LanguageSwitcher lang={lang} redirectTo={`${location.pathname}${location.search}`} />
          {/* Sign-out loads a new document: nothing from the session stays in memory. */}
          {user ? (
            <Form method="post" action="/logout" reloadDocument className="sign-out">
              <button type="submit" className="button button--quiet">
                {t("nav.signOut")}
              </button>
            </Form>
          ) : null}
        </div>
        {user ? (
          <nav aria-label={t("nav.label")} className="app-nav">
            <ul>
              {navigationFor(user.role).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
              <li>
                <NavLink to="/notifications" end>
                  {/* One flex item: a space between two items of the inline-flex link would collapse. */}
                  <span>
                    {t("nav.notifications")}
                    {user.unread > 0 ? (
                      <>
                        {" "}
                        <span className="count-badge">
                          {t("nav.unread", { count: user.unread })}
                        </span>
                      </>
                    ) : null}
                  </span>
                </NavLink>
              </li>
              <li>
                <NavLink to="/settings" end>
                  {t("nav.settings")}
                </NavLink>
              </li>
            </ul>
            <p className="app-nav__who">
              {t("nav.signedInAs", { name: user.displayName, role: t(`roles.${user.role}`) })}
            </p>
          </nav>
        ) : null}
        {keys === "sealed" ? (
          <p className="key-banner key-banner--sealed" role="status">
            {t("app.keyBanner.sealed")} <Link to="/unseal">{t("app.keyBanner.unseal")}</Link>
          </p>
        ) : keys === "demo" ? (
          <p className="key-banner key-banner--demo">{t("app.keyBanner.demo")}</p>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
