// The case list's search by blind tokens through their own exact-term index
// (migration case_search_tokens, docs/decisions/0013 addendum): which case a
// name's words find, that the list's statement reads that index, and that the
// index follows every change and delete of a case.
import { beforeAll, describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { blindWords } from "~/modules/keys/blind-index.server";
import { keyring } from "~/modules/keys/keyring.server";
import { createUser } from "~/modules/people/people.server";
import { minimalIntake, namedWorker, type IntakeValues } from "../../../tests/fixtures/intake";
import { queryPlan } from "../../../tests/fixtures/query-plan";
import { parseCaseListFilters } from "./case-list";
import { listCases, searchConditions } from "./case-list.server";
import { tokensOf } from "./search-text.server";
import { addWorker, updateWorker } from "./workers.server";

type Person = { id: string; role: "COORDINATOR"; regions: "ATYRAU"[] };
let coordinator: Person;

const found = async (q: string) =>
  (
    await listCases(coordinator, parseCaseListFilters(new URLSearchParams({ q })), {
      pageSize: 500,
    })
  ).rows.map((row) => row.reference);

async function newCase(overrides: IntakeValues = {}): Promise<{ id: string; reference: string }> {
  const parsed = validateIntake(minimalIntake("UNPAID_WAGES", { place: "Атырау", ...overrides }));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  const { reference } = await createIntake(parsed.data, { userId: coordinator.id });
  return prisma.case.findUniqueOrThrow({
    where: { reference },
    select: { id: true, reference: true },
  });
}

const tokenOf = (word: string) => blindWords(keyring.blindIndexKeys(), word)[0]!;

/** The rowids ("year" * 100000000 + "number") SQLite's token index holds for `word`. */
async function indexedRows(word: string): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ k: bigint | number }[]>`
    SELECT rowid AS k FROM "_cf_ADAL_case_tokens" WHERE "_cf_ADAL_case_tokens" MATCH ${`"${tokenOf(word)}"`}`;
  return rows.map((row) => Number(row.k));
}

async function rowidOf(id: string): Promise<number> {
  const { year, number } = await prisma.case.findUniqueOrThrow({
    where: { id },
    select: { year: true, number: true },
  });
  return year * 100000000 + number;
}

beforeAll(async () => {
  coordinator = {
    id: (
      await createUser(
        {
          email: "saule@example.org",
          displayName: "saule",
          role: "COORDINATOR",
          regions: ["ATYRAU"],
        },
        { actorId: null },
      )
    ).id,
    role: "COORDINATOR",
    regions: ["ATYRAU"],
  };
});

describe("search by blind tokens", () => {
  it("finds a name only in a case that holds all its words: split across two cases, or another case's word, finds nothing", async () => {
    const first = await newCase({ workers: [namedWorker({ fullName: "Ержан Тулегенов" })] });
    const second = await newCase({ workers: [namedWorker({ fullName: "Асхат Сапаров" })] });
    expect(await found("ержан")).toEqual([first.reference]);
    expect(await found("сапаров")).toEqual([second.reference]);
    expect(await found("ержан сапаров")).toEqual([]);
    expect(await found("ержан тулегенов")).toEqual([first.reference]);
    // A stored token typed as a query is a word like any other: it finds nothing.
    expect(await found(tokenOf("ержан"))).toEqual([]);
  });

  it("finds the words of one case's two workers together: tokens belong to the case, not to a worker", async () => {
    const both = await newCase({
      workers: [
        namedWorker({ fullName: "Жанар Оспанова" }),
        namedWorker({ fullName: "Берик Нуртазин" }),
      ],
    });
    expect(await found("жанар нуртазин")).toEqual([both.reference]);
  });

  it("counts a case once when a word finds it both in the clear part and by its token", async () => {
    const both = await newCase({
      employer: { name: "Оспанов и партнёры", sector: "CONSTRUCTION", bin: "180840012344" },
      workers: [namedWorker({ fullName: "Серик Оспанов" })],
    });
    const page = await listCases(
      coordinator,
      parseCaseListFilters(new URLSearchParams({ q: "оспанов" })),
    );
    expect({ total: page.total, rows: page.rows.map((row) => row.reference) }).toEqual({
      total: 1,
      rows: [both.reference],
    });
  });

  it("reads the token index, not the trigram index, for a name", async () => {
    const { with: cte, conditions } = searchConditions("ержан сапаров");
    const select = Prisma.sql`SELECT c."id" FROM "Case" c WHERE ${Prisma.join(conditions, " AND ")}`;
    const statement = cte ? Prisma.sql`WITH ${cte} ${select}` : select;
    const plan = await queryPlan(statement);
    if (database.provider === "sqlite") {
      expect(plan).toMatch(/SCAN _cf_ADAL_case_tokens VIRTUAL TABLE INDEX/);
      expect(plan).toMatch(/SCAN _cf_ADAL_case_search VIRTUAL TABLE INDEX/);
    } else {
      expect(plan).toContain("Case_searchText_tokens_idx");
      expect(plan).toContain("Case_searchText_trgm_idx");
    }
  });

  it("follows a renamed worker, a change of the clear part and a deleted case", async () => {
    const renamed = await newCase();
    await addWorker(coordinator, renamed.reference, {
      version: "1",
      worker: { fullName: "Айгуль Касымова", occupation: "cook", consentToStore: "on" },
    });
    expect(await found("касымова")).toEqual([renamed.reference]);
    const worker = await prisma.affectedWorker.findFirstOrThrow({
      where: { caseId: renamed.id },
      select: { id: true },
    });
    await updateWorker(coordinator, renamed.reference, worker.id, {
      version: "2",
      worker: { fullName: "Айгуль Садыкова", occupation: "cook", consentToStore: "on" },
    });
    expect(await found("касымова")).toEqual([]);
    expect(await found("садыкова айгуль")).toEqual([renamed.reference]);

    // The clear part changes (an employer's name), the tokens line does not: still found.
    const { searchText } = await prisma.case.findUniqueOrThrow({
      where: { id: renamed.id },
      select: { searchText: true },
    });
    const tokens = tokensOf(searchText);
    expect(tokens).not.toBe("");
    await prisma.case.update({
      where: { id: renamed.id },
      data: { searchText: `${renamed.reference.toLowerCase()}\nnew employer llp\n${tokens}` },
    });
    expect(await found("садыкова")).toEqual([renamed.reference]);
    expect(await found("new employer")).toEqual([renamed.reference]);
    // Tokens gone (content destroyed while sealed): nothing finds the name any more.
    await prisma.case.update({
      where: { id: renamed.id },
      data: { searchText: renamed.reference.toLowerCase() },
    });
    expect(await found("садыкова")).toEqual([]);
    await prisma.case.update({ where: { id: renamed.id }, data: { searchText } });
    expect(await found("садыкова")).toEqual([renamed.reference]);

    const rowid = await rowidOf(renamed.id);
    if (database.provider === "sqlite") {
      expect(await indexedRows("садыкова")).toEqual([rowid]);
      expect(await indexedRows("касымова")).toEqual([]);
    }
    await prisma.case.delete({ where: { id: renamed.id } });
    expect(await found("садыкова")).toEqual([]);
    if (database.provider === "sqlite") expect(await indexedRows("садыкова")).toEqual([]);
  });
});
