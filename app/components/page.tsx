import type { ReactNode } from "react";

export function Page({
  title,
  intro,
  children,
  actions,
}: {
  title: string;
  intro?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page__header">
        <h1 id="page-title">{title}</h1>
        {actions ? <div className="page__actions">{actions}</div> : null}
      </div>
      {intro ? <p className="lead">{intro}</p> : null}
      {children}
    </section>
  );
}

/** What a page says when there is honestly nothing to show yet. */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      <p>{children}</p>
    </div>
  );
}
