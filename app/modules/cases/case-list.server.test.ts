// The case list: filters, scope, sorting, paging, search folding (every
// Kazakh letter, Cyrillic and Latin case, short words) and the CSV export's
// contents and audit entry.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import type { CaseStatus, Region, Urgency } from "~/generated/prisma/sqlite/enums";
import { REGIONS } from "~/modules/regions/regions";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { createUser } from "~/modules/people/people.server";
import en from "~/locales/en";
import { minimalIntake, namedWorker, type IntakeValues } from "../../../tests/fixtures/intake";
import { parseCaseListFilters, type CaseListFilters } from "./case-list";
import { exportCases, listCases } from "./case-list.server";
import { startOfKazakhstanDay as startOfDayInKazakhstan } from "~/utils/time";

type Person = {
  id: string;
  role: "ORGANIZER" | "LAWYER" | "COORDINATOR" | "ADMIN";
  regions: Region[];
};
let organizer: Person;
let otherOrganizer: Person;
let lawyer: Person;
let coordinator: Person;
let regionalCoordinator: Person;
let admin: Person;

const filters = (query = ""): CaseListFilters => parseCaseListFilters(new URLSearchParams(query));
const references = async (caller: Person, query = "") =>
  (await listCases(caller, filters(query), { pageSize: 500 })).rows.map((row) => row.reference);

/** English labels by dotted key, as the route's `t` gives them. */
const t = (key: string) =>
  key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en) as string;

const byRef = new Map<string, string>();

async function record(
  name: string,
  by: Person,
  overrides: IntakeValues = {},
  options: { at?: string; status?: CaseStatus; urgency?: Urgency; lastActivity?: string } = {},
): Promise<string> {
  const parsed = validateIntake(
    minimalIntake("UNPAID_WAGES", { place: "Атырау, вахтовый посёлок", ...overrides }),
  );
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  const at = new Date(options.at ?? "2026-03-10T06:00:00Z");
  const { reference } = await createIntake(parsed.data, { userId: by.id }, at);
  await prisma.case.update({
    where: { reference },
    data: {
      ...(options.status ? { status: options.status } : {}),
      ...(options.urgency ? { urgency: options.urgency } : {}),
      lastActivityAt: new Date(options.lastActivity ?? at),
    },
  });
  byRef.set(name, reference);
  return reference;
}
const ref = (name: string) => byRef.get(name)!;

// One worker per Kazakh letter, each name holding that letter (stored as typed, capital first).
const KAZAKH_NAMES: Array<[upper: string, lower: string, name: string]> = [
  ["Ә", "ә", "Әлия Тестова"],
  ["Қ", "қ", "Қуаныш Тестов"],
  ["Ө", "ө", "Өтеген Тестов"],
  ["Ү", "ү", "Үсен Тестов"],
  ["Ұ", "ұ", "Ұлжан Тестова"],
  ["І", "і", "Ізбасар Тестов"],
  ["Ң", "ң", "Жаңабек Тестов"],
  ["Ғ", "ғ", "Ғалым Тестов"],
  ["Һ", "һ", "Шаһизада Тестова"],
];

beforeAll(async () => {
  const make = async (email: string, role: Person["role"], regions: Region[] = ["ATYRAU"]) => ({
    id: (
      await createUser(
        { email, displayName: email.split("@")[0]!, role, regions },
        { actorId: null },
      )
    ).id,
    role,
    regions,
  });
  organizer = await make("dana@example.org", "ORGANIZER");
  otherOrganizer = await make("erlan@example.org", "ORGANIZER");
  lawyer = await make("arman@example.org", "LAWYER");
  // National: covers every region.
  coordinator = await make("saule@example.org", "COORDINATOR", [...REGIONS]);
  regionalCoordinator = await make("aigerim@example.org", "COORDINATOR", ["KARAGANDA"]);
  admin = await make("ruslan@example.org", "ADMIN");

  await record(
    "almaty",
    organizer,
    {
      region: "ALMATY",
      place: "Алматы, Турксибский район",
      employer: { name: "Tengiz Oil LLP", sector: "OIL_AND_GAS", bin: "180840012344" },
      workers: [namedWorker({ fullName: "Ержан Сапаров" })],
    },
    { at: "2026-01-05T04:00:00Z", status: "IN_PROGRESS", urgency: "HIGH" },
  );
  await record(
    "atyrau",
    organizer,
    {
      category: "FORCED_LABOR",
      facts: { indicators: ["DECEPTION"], canLeave: "UNKNOWN" },
      place: "Атырау, цех 5_2",
    },
    { at: "2026-02-01T04:00:00Z", urgency: "URGENT", lastActivity: "2026-04-01T04:00:00Z" },
  );
  await record(
    "other",
    otherOrganizer,
    {
      region: "KARAGANDA",
      place: "Караганда",
      workers: [namedWorker({ fullName: "Гүлнар Ахметова" })],
    },
    { at: "2026-02-20T04:00:00Z", status: "TRIAGED", urgency: "NORMAL" },
  );
  for (const [upper, , name] of KAZAKH_NAMES) {
    await record(`kk-${upper}`, otherOrganizer, {
      workers: [namedWorker({ fullName: name })],
      ...(upper === "Ә" ? { place: "Атырау, цех 5a2" } : {}),
    });
  }
  await prisma.caseAssignment.create({
    data: {
      caseId: (await prisma.case.findUniqueOrThrow({ where: { reference: ref("almaty") } })).id,
      userId: lawyer.id,
      role: "LEAD_LAWYER",
      assignedById: coordinator.id,
    },
  });
});

describe("search", () => {
  it.each(KAZAKH_NAMES)(
    "finds %s and %s alike, whichever case the name and the query were typed in",
    async (upper, lower, name) => {
      const word = name.split(" ")[0]!;
      const expected = [ref(`kk-${upper}`)];
      expect(
        await references(coordinator, `q=${encodeURIComponent(word.toLocaleUpperCase("kk"))}`),
      ).toEqual(expected);
      expect(
        await references(coordinator, `q=${encodeURIComponent(word.toLocaleLowerCase("kk"))}`),
      ).toEqual(expected);
      // Names are searched by whole words (their blind tokens, docs/decisions/0013): the
      // letter alone, capital or small, is not a word of the name.
      const withCapital = await references(coordinator, `q=${encodeURIComponent(upper)}`);
      const withSmall = await references(coordinator, `q=${encodeURIComponent(lower)}`);
      expect(withCapital).not.toContain(ref(`kk-${upper}`));
      expect(withCapital.sort()).toEqual(withSmall.sort());
    },
  );

  it("treats Алматы, алматы and АЛМАТЫ as one place", async () => {
    for (const q of ["Алматы", "алматы", "АЛМАТЫ"]) {
      expect(await references(coordinator, `q=${encodeURIComponent(q)}`)).toEqual([ref("almaty")]);
    }
  });

  it("ignores Latin case, and finds employers by name and BIN", async () => {
    for (const q of ["tengiz", "TENGIZ", "Tengiz Oil", "180840012344", "0840012"]) {
      expect(await references(coordinator, `q=${encodeURIComponent(q)}`)).toEqual([ref("almaty")]);
    }
  });

  it("needs every word, in any field and order", async () => {
    expect(await references(coordinator, "q=сапаров+tengiz")).toEqual([ref("almaty")]);
    expect(await references(coordinator, "q=сапаров+караганда")).toEqual([]);
  });

  it("finds names by whole words only; short words still match references and BINs", async () => {
    // "ұл" is part of Ұлжан, not a word of it: the name's tokens do not hold it.
    expect(await references(coordinator, `q=${encodeURIComponent("ҰЛ")}`)).toEqual([]);
    expect(await references(coordinator, `q=${encodeURIComponent("ұлжан тестова")}`)).toEqual([
      ref("kk-Ұ"),
    ]);
    // The clear part (references, employers, BINs) is still searched by substring.
    expect(await references(coordinator, "q=44")).toEqual([ref("almaty")]);
  });

  it("holds no worker name, place or account word in clear in the search text", async () => {
    const rows = await prisma.case.findMany({ select: { searchText: true } });
    const all = rows.map((r) => r.searchText).join("\n");
    for (const word of ["ержан", "сапаров", "ахметова", "тестов", "алматы", "атырау", "цех"])
      expect(all).not.toContain(word);
    // Employers are organizations, not people: they stay searchable by substring.
    expect(all).toContain("tengiz oil");
  });

  it("finds a reference, and nothing for a word no case holds", async () => {
    expect(await references(coordinator, `q=${ref("other").toLowerCase()}`)).toEqual([
      ref("other"),
    ]);
    expect(await listCases(coordinator, filters("q=zzzzqqq"))).toMatchObject({
      total: 0,
      rows: [],
    });
  });

  it("takes wildcard and quote characters literally", async () => {
    expect(await references(coordinator, `q=${encodeURIComponent('%"_')}`)).toEqual([]);
    // Quotes are not search syntax: the word inside is still a word.
    expect(await references(coordinator, `q=${encodeURIComponent('"сапаров"')}`)).toEqual([
      ref("almaty"),
    ]);
    expect(await references(coordinator, "q=5_2")).toEqual([ref("atyrau")]);
    expect(await references(coordinator, "q=5a2")).toEqual([ref("kk-Ә")]);
    // Short words too (matched on the rows, not through the index): no wildcard, no escape.
    for (const q of ["%", "%%", "__", "\\", "\\%", "a%", "%a"]) {
      expect(await references(coordinator, `q=${encodeURIComponent(q)}`), q).toEqual([]);
    }
    // "5_2" is in a place: sealed, found by its words ("5", "2"), not by its underscore.
    expect(await references(coordinator, "q=_")).toEqual([]);
  });
});

describe("scope", () => {
  it("shows an organizer only their own cases, in the list, the count and the export", async () => {
    const own = await listCases(organizer, filters(), { pageSize: 500 });
    expect(own.total).toBe(2);
    expect(own.rows.map((r) => r.reference).sort()).toEqual([ref("almaty"), ref("atyrau")].sort());
    // Even when the search names another organizer's case.
    expect(await references(organizer, "q=ахметова")).toEqual([]);
    expect((await listCases(organizer, filters("q=ахметова"))).total).toBe(0);
    const exported = await exportCases(organizer, filters(), {}, t);
    expect(exported.rowCount).toBe(2);
    expect(exported.csv).not.toContain(ref("other"));
  });

  it("shows a coordinator the cases of their regions, a lawyer the cases they hold, an administrator none", async () => {
    expect((await listCases(coordinator, filters())).total).toBe(3 + KAZAKH_NAMES.length);
    expect(await references(regionalCoordinator)).toEqual([ref("other")]);
    expect(await references(regionalCoordinator, "q=сапаров")).toEqual([]);
    expect(await references(lawyer)).toEqual([ref("almaty")]);
    expect((await exportCases(lawyer, filters(), {}, t)).rowCount).toBe(1);
    expect(await listCases(admin, filters())).toMatchObject({ total: 0, rows: [] });
  });
});

describe("filters", () => {
  it("narrow by status, category, region and urgency", async () => {
    expect(await references(coordinator, "status=IN_PROGRESS&status=TRIAGED")).toEqual(
      expect.arrayContaining([ref("almaty"), ref("other")]),
    );
    expect((await references(coordinator, "status=IN_PROGRESS&status=TRIAGED")).length).toBe(2);
    expect(await references(coordinator, "category=FORCED_LABOR")).toEqual([ref("atyrau")]);
    expect(await references(coordinator, "region=KARAGANDA")).toEqual([ref("other")]);
    expect(await references(coordinator, "urgency=URGENT")).toEqual([ref("atyrau")]);
    expect(await references(coordinator, "urgency=HIGH&region=ALMATY")).toEqual([ref("almaty")]);
  });

  it("narrow by assignee, or to cases without a lead lawyer", async () => {
    expect(await references(coordinator, `assignee=${lawyer.id}`)).toEqual([ref("almaty")]);
    const unassigned = await references(coordinator, "assignee=none");
    expect(unassigned).not.toContain(ref("almaty"));
    expect(unassigned).toHaveLength(2 + KAZAKH_NAMES.length);
  });

  it("narrow by employer", async () => {
    const employer = await prisma.employer.findFirstOrThrow({ where: { bin: "180840012344" } });
    expect(await references(coordinator, `employer=${employer.id}`)).toEqual([ref("almaty")]);
  });

  it("narrow by the day of recording in Kazakhstan, both ends included", async () => {
    expect(await references(coordinator, "from=2026-01-05&to=2026-02-01")).toEqual(
      expect.arrayContaining([ref("almaty"), ref("atyrau")]),
    );
    expect(await references(coordinator, "from=2026-01-05&to=2026-02-01")).toHaveLength(2);
    expect(await references(coordinator, "from=2026-02-02&to=2026-02-28")).toEqual([ref("other")]);
    // 2026-01-05T04:00Z is 09:00 in Almaty on the 5th.
    expect(await references(coordinator, "to=2026-01-04")).toEqual([]);
    expect(startOfDayInKazakhstan("2026-01-05").toISOString()).toBe("2026-01-04T19:00:00.000Z");
  });

  it("drops what does not parse instead of failing", async () => {
    const all = (await listCases(coordinator, filters())).total;
    const lenient = await listCases(
      coordinator,
      filters(
        "status=BOGUS&category=x&region=MARS&urgency=1&from=2026-13-45&to=yesterday&sort=best&page=-4&assignee=%27%3B--",
      ),
    );
    expect(lenient.total).toBe(all);
    expect(lenient.page).toBe(1);
  });
});

describe("sorting and paging", () => {
  it("sorts by last change (default), by age and by urgency", async () => {
    const byActivity = await references(coordinator);
    expect(byActivity[0]).toBe(ref("atyrau")); // changed 2026-04-01, the latest
    const byAge = await references(coordinator, "sort=age");
    expect(byAge.slice(0, 3)).toEqual([ref("almaty"), ref("atyrau"), ref("other")]);
    const byUrgency = await listCases(coordinator, filters("sort=urgency"), { pageSize: 500 });
    expect(byUrgency.rows.map((r) => r.urgency).slice(0, 2)).toEqual(["URGENT", "HIGH"]);
    const rank = { URGENT: 0, HIGH: 1, NORMAL: 2 };
    const ranks = byUrgency.rows.map((r) => rank[r.urgency]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it.each(["activity", "age", "urgency"])(
    "pages through every case once, sorted by %s",
    async (sort) => {
      const seen: string[] = [];
      const first = await listCases(coordinator, filters(`sort=${sort}`), { pageSize: 4 });
      for (let page = 1; page <= Math.ceil(first.total / 4); page += 1) {
        const { rows, total } = await listCases(coordinator, filters(`sort=${sort}&page=${page}`), {
          pageSize: 4,
        });
        expect(total).toBe(first.total);
        seen.push(...rows.map((r) => r.reference));
      }
      expect(seen).toHaveLength(first.total);
      expect(new Set(seen).size).toBe(first.total);
      expect(seen).toEqual(await references(coordinator, `sort=${sort}`));
    },
  );

  it("pages through a search's results once each, with the same total on every page", async () => {
    const expected = KAZAKH_NAMES.filter(([, , name]) => name.endsWith(" Тестов")).length;
    const all = await references(coordinator, "q=тестов&sort=age");
    expect(all).toHaveLength(expected);
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const result = await listCases(coordinator, filters(`q=тестов&sort=age&page=${page}`), {
        pageSize: 4,
      });
      expect(result.total).toBe(expected);
      seen.push(...result.rows.map((r) => r.reference));
    }
    expect(seen).toEqual(all);
  });

  it("shows an empty page past the end, still with the count", async () => {
    expect(await listCases(coordinator, filters("page=99"))).toMatchObject({
      total: 3 + KAZAKH_NAMES.length,
      rows: [],
    });
  });

  it("lists what the table shows: employer, lead lawyer, workers", async () => {
    const [row] = (await listCases(coordinator, filters("region=ALMATY"))).rows;
    expect(row).toMatchObject({
      reference: ref("almaty"),
      status: "IN_PROGRESS",
      urgency: "HIGH",
      region: "ALMATY",
      employer: { name: "Tengiz Oil LLP" },
      leadLawyer: "arman",
      workerCount: 6, // one named and five unnamed
    });
    // Nothing else: no account text, no search text, no internal id, on any sort.
    for (const sort of ["activity", "age", "urgency"]) {
      const [first] = (await listCases(coordinator, filters(`region=ALMATY&sort=${sort}`))).rows;
      expect(Object.keys(first!).sort()).toEqual([
        "category",
        "createdAt",
        "employer",
        "lastActivityAt",
        "leadLawyer",
        "reference",
        "region",
        "status",
        "urgency",
        "workerCount",
      ]);
      expect(first!.createdAt).toBeInstanceOf(Date);
    }
  });
});

describe("export", () => {
  it("writes the filtered list without worker identities, and audits who exported what", async () => {
    const before = await prisma.auditEntry.count({ where: { action: "cases.exported" } });
    const { csv, rowCount, truncated } = await exportCases(
      coordinator,
      filters("q=сапаров&region=ALMATY"),
      { ipAddress: "203.0.113.9", userAgent: "vitest" },
      t,
    );
    expect(rowCount).toBe(1);
    expect(truncated).toBe(false);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "Reference,Category,Status,Urgency,Region,Recorded,Last change,Employer,Lead lawyer,Workers,Workers (pseudonyms)",
    );
    // The named workers by pseudonym (decision 0034), never by name.
    expect(lines[1]).toMatch(
      new RegExp(
        `^${ref("almaty")},Unpaid or withheld wages,In progress,High,Almaty,2026-01-05,2026-01-05,Tengiz Oil LLP,arman,6,W-[2-9A-HJ-NP-Z]{4}( W-[2-9A-HJ-NP-Z]{4})*$`,
      ),
    );
    expect(lines[2]).toBe("");
    expect(csv).not.toMatch(/Сапаров/i);

    const entries = await prisma.auditEntry.findMany({
      where: { action: "cases.exported" },
      orderBy: { seq: "desc" },
    });
    expect(entries).toHaveLength(before + 1);
    const entry = entries[0]!;
    expect(entry).toMatchObject({ actorId: coordinator.id, ipAddress: "203.0.113.9" });
    const details = JSON.parse(entry.details) as Record<string, unknown>;
    expect(details).toEqual({
      filters: { region: "ALMATY", sort: "activity" },
      searchLength: 7,
      rows: 1,
      truncated: false,
      withIdentities: false,
    });
    expect(entry.details).not.toMatch(/сапаров/i);
  });

  it("audits an export that found nothing", async () => {
    const before = await prisma.auditEntry.count({ where: { action: "cases.exported" } });
    const { rowCount, csv } = await exportCases(coordinator, filters("q=zzzzqqq"), {}, t);
    expect(rowCount).toBe(0);
    expect(csv.split("\r\n")).toHaveLength(2);
    expect(await prisma.auditEntry.count({ where: { action: "cases.exported" } })).toBe(before + 1);
  });
});
