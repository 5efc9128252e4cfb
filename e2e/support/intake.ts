// Driving the intake form (/cases/new) the way an organizer does: by the
// labels they read, in whichever language the page is in.
import { expect, type Locator, type Page, type Response } from "@playwright/test";
import type { CaseCategory, Urgency } from "~/generated/prisma/sqlite/enums";
import type { Translation } from "~/locales/types";
import { waitForHydration } from "../fixtures";

export type StepId = keyof Translation["intake"]["steps"];

export const REFERENCE = /^KZ-\d{4}-\d{6}$/;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A label as Playwright reads it: the text, then the visible " *" of a required field. */
export const labelled = (text: string) => new RegExp(`^${escapeRegExp(text)}(\\s*\\*)?$`);

/** Fills in i18next's {{placeholders}}. */
export const format = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ""));

/** A date n days ago as <input type="date"> takes it; never in the future in Kazakhstan. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** Something unique to this test run, so names never collide across tests or reruns. */
export const uniqueSuffix = () =>
  `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** What each category needs (only its required questions) and the urgency the rules then suggest. */
export const CATEGORY_ANSWERS: Record<
  CaseCategory,
  { fill: (form: IntakeForm) => Promise<void>; suggested: Urgency; needsEmployer: boolean }
> = {
  UNPAID_WAGES: {
    suggested: "NORMAL",
    needsEmployer: true,
    fill: async (form) => {
      await form.field(form.t.intake.facts.periodStart).fill(daysAgo(90));
      await form.field(form.t.intake.facts.amountOwed).fill("1 250 000");
      await form.field(form.t.intake.facts.workersAffected).fill("12");
    },
  },
  FORCED_LABOR: {
    suggested: "URGENT",
    needsEmployer: true,
    fill: async (form) => {
      const f = form.t.intake.facts;
      await form.choose(f.indicators, form.t.intake.indicators.RETENTION_OF_IDENTITY_DOCUMENTS);
      await form.choose(f.canLeave, form.t.triState.NO);
    },
  },
  UNSAFE_CONDITIONS: {
    suggested: "URGENT",
    needsEmployer: true,
    fill: async (form) => {
      const f = form.t.intake.facts;
      await form.choose(f.kind, form.t.intake.harmKinds.INJURY);
      await form.choose(f.severity, form.t.intake.severities.SERIOUS);
      await form.field(f.eventDate).fill(daysAgo(5));
      await form.field(f.peopleHarmed).fill("2");
      await form.choose(f.reportedToInspectorate, form.t.triState.UNKNOWN);
    },
  },
  DETAINED_ACTIVIST: {
    suggested: "URGENT",
    needsEmployer: false,
    fill: async (form) => {
      const f = form.t.intake.facts;
      await form.field(f.personRole).fill("Union chair at the bus depot");
      await form.field(f.detainedAt).fill(`${daysAgo(2)}T06:30`);
      await form.field(f.detainedWhere).fill("At home, Zhetysu district");
      await form.field(f.authority).fill("City police department");
      await form.choose(f.lawyerHasAccess, form.t.triState.NO);
      await form.choose(f.familyInformed, form.t.triState.YES);
    },
  },
  UNION_BUSTING: {
    suggested: "NORMAL",
    needsEmployer: true,
    fill: async (form) => {
      const f = form.t.intake.facts;
      await form.choose(f.actions, form.t.intake.unionActions.DISMISSAL);
      await form.field(f.workersAffected).fill("4");
    },
  },
  STRIKE_PENALTIES: {
    suggested: "NORMAL",
    needsEmployer: true,
    fill: async (form) => {
      const f = form.t.intake.facts;
      await form.field(f.strikeDate).fill(daysAgo(30));
      await form.choose(f.penalties, form.t.intake.strikePenalties.FINES);
    },
  },
  CHILD_LABOR: {
    suggested: "HIGH",
    needsEmployer: true,
    fill: async (form) => {
      await form.field(form.t.intake.facts.childrenCount).fill("3");
      await form.page.getByRole("checkbox", { name: form.t.intake.facts.hazardous }).check();
    },
  },
  MIGRANT_ABUSE: { suggested: "NORMAL", needsEmployer: true, fill: async () => {} },
  OTHER: {
    suggested: "NORMAL",
    needsEmployer: false,
    fill: async (form) => {
      await form.field(form.t.intake.facts.summary).fill("Pay slips are not given to anyone");
    },
  },
};

export type IntakeDetails = {
  category: CaseCategory;
  /** Other affected workers, not named; named workers are added separately. */
  unnamedWorkers?: number;
  /** A new employer typed in (a sector is then required). */
  employer?: { name: string; sector: keyof Translation["sectors"] };
  place?: string;
  account?: string;
};

/** The intake form on /cases/new, with JavaScript (the stepper) unless said otherwise. */
export class IntakeForm {
  constructor(
    readonly page: Page,
    readonly t: Translation,
  ) {}

  /** An input, select or textarea by its label. */
  field(label: string): Locator {
    return this.page.getByLabel(labelled(label));
  }

  /** A set of radio buttons (a radiogroup) or checkboxes (a group) by its legend. */
  group(legend: string): Locator {
    const name = labelled(legend);
    return this.page.getByRole("group", { name }).or(this.page.getByRole("radiogroup", { name }));
  }

  /** Ticks one answer of a radio or checkbox group. */
  async choose(legend: string, option: string): Promise<void> {
    await this.group(legend).getByLabel(option, { exact: true }).check();
  }

  button(name: string): Locator {
    return this.page.getByRole("button", { name, exact: true });
  }

  /** The heading of a step; only the current step's is visible in the stepper. */
  stepHeading(step: StepId): Locator {
    return this.page.getByRole("heading", {
      level: 2,
      name: new RegExp(`${escapeRegExp(this.t.intake.steps[step])}$`),
    });
  }

  get restoredNotice(): Locator {
    return this.page.getByRole("status").filter({ hasText: this.t.intake.draft.restored });
  }

  /** Opens the form and waits until the stepper is hydrated (typing earlier may be wiped). */
  async open(): Promise<void> {
    await this.page.goto("/cases/new");
    await this.waitUntilInteractive();
  }

  async waitUntilInteractive(): Promise<void> {
    const next = this.button(this.t.intake.next);
    await waitForHydration(next);
    await expect(this.stepHeading("category")).toBeVisible();
  }

  async chooseCategory(category: CaseCategory): Promise<void> {
    await this.group(this.t.intake.fields.category)
      .getByRole("radio", { name: new RegExp(`^${escapeRegExp(this.t.categories[category])}`) })
      .check();
  }

  /** Next, which validates the current step, then the given step is shown. */
  async next(to: StepId): Promise<void> {
    await this.button(this.t.intake.next).click();
    await expect(this.stepHeading(to)).toBeVisible();
  }

  /** Adds a named worker block and types their name into it. */
  async addNamedWorker(number: number, fullName: string): Promise<void> {
    await this.button(this.t.intake.worker.add).click();
    const block = this.page.getByRole("group", {
      name: format(this.t.intake.worker.heading, { number }),
      exact: true,
    });
    await block.getByLabel(labelled(this.t.intake.worker.fullName)).fill(fullName);
  }

  /** Ticks "To store their data" for a named worker, on the Consent step. */
  async consentToStore(fullName: string): Promise<void> {
    const consent = this.page
      .getByRole("group", { name: format(this.t.intake.consent.forWorker, { name: fullName }) })
      .getByRole("checkbox", { name: this.t.intake.consent.toStore });
    await consent.check();
    // Nothing marks it wrong once ticked (a stale error would also move the page under the next click).
    await expect(consent).not.toHaveAttribute("aria-invalid", "true");
  }

  async fillEmployer(employer: NonNullable<IntakeDetails["employer"]>): Promise<void> {
    await this.field(this.t.intake.employer.name).fill(employer.name);
    await this.field(this.t.intake.employer.sector).selectOption({
      label: this.t.sectors[employer.sector],
    });
  }

  async fillPlaceAndTime(place: string): Promise<void> {
    await this.field(this.t.intake.fields.place).fill(place);
    await this.field(this.t.intake.fields.incidentStart).fill(daysAgo(20));
    await this.choose(this.t.intake.fields.channel, this.t.channels.FIELD_VISIT);
  }

  /**
   * Steps 1 to 5 for a case of this category with only what it needs, ending
   * on the Review step. Named workers, if any, must be added by the caller
   * before (on the Workers step) — use the step methods then.
   */
  async fillEverything(details: IntakeDetails): Promise<void> {
    const answers = CATEGORY_ANSWERS[details.category];
    await this.chooseCategory(details.category);
    await answers.fill(this);
    await this.next("workers");
    await this.field(this.t.intake.fields.unnamedWorkerCount).fill(
      String(details.unnamedWorkers ?? 1),
    );
    await this.next("employer");
    if (details.employer) await this.fillEmployer(details.employer);
    await this.fillPlaceAndTime(details.place ?? "Shift camp no. 3");
    await this.next("account");
    await this.field(this.t.intake.fields.account).fill(
      details.account ?? "The workers say the foreman told them to keep quiet.",
    );
    await this.next("consent");
    await this.next("review");
  }

  /** Presses the save button and returns the server's answer to the POST. */
  async save(label = this.t.intake.save): Promise<Response> {
    const answer = this.page.waitForResponse(
      (response) =>
        response.request().method() === "POST" && new URL(response.url()).pathname === "/cases/new",
    );
    await this.button(label).click();
    return answer;
  }

  /** On the "Intake saved" page: its reference, checked for the KZ-YYYY-NNNNNN shape. */
  async createdReference(): Promise<string> {
    await expect(this.page).toHaveURL(/\/cases\/KZ-\d{4}-\d{6}\/created$/);
    await expect(
      this.page.getByRole("heading", { level: 1, name: this.t.intake.created.title }),
    ).toBeVisible();
    const reference = this.page.getByTestId("case-reference");
    await expect(reference).toHaveText(REFERENCE);
    return (await reference.innerText()).trim();
  }
}

/** The "My intakes" link of the page's content (the navigation has one too). */
export function myIntakesLink(page: Page, t: Translation): Locator {
  return page.getByRole("main").getByRole("link", { name: t.intake.created.mine });
}

/** The card of this case on "My intakes". */
export function caseCard(page: Page, reference: string): Locator {
  return page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: reference, exact: true }) });
}
