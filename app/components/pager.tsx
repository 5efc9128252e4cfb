import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

/** Newer / "page of pages" / older links for a list read a page at a time; nothing for one page. */
export function Pager({
  page,
  pages,
  label,
  hrefFor,
}: {
  page: number;
  pages: number;
  label: string;
  /** The link to page `n`, keeping the list's own filters. */
  hrefFor: (n: number) => string;
}) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      {page > 1 ? <Link to={hrefFor(page - 1)}>{t("caseList.newer")}</Link> : <span />}
      <span>
        {page} / {pages}
      </span>
      {page < pages ? <Link to={hrefFor(page + 1)}>{t("caseList.older")}</Link> : <span />}
    </nav>
  );
}
