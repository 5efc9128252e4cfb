// The vocabulary of an intake: categories and the choices inside them.
// Labels live in the locale files under the same names.
import type {
  CaseCategory,
  Gender,
  IntakeChannel,
  Sector,
  Urgency,
} from "~/generated/prisma/sqlite/enums";

export const CATEGORIES = [
  "UNPAID_WAGES",
  "FORCED_LABOR",
  "UNSAFE_CONDITIONS",
  "DETAINED_ACTIVIST",
  "UNION_BUSTING",
  "STRIKE_PENALTIES",
  "CHILD_LABOR",
  "MIGRANT_ABUSE",
  "OTHER",
] as const satisfies readonly CaseCategory[];

export const CHANNELS = [
  "FIELD_VISIT",
  "HOTLINE",
  "WALK_IN",
  "MESSENGER",
  "PARTNER_REFERRAL",
] as const satisfies readonly IntakeChannel[];

export const URGENCIES = ["URGENT", "HIGH", "NORMAL"] as const satisfies readonly Urgency[];

export const SECTORS = [
  "OIL_AND_GAS",
  "MINING_AND_METALS",
  "CONSTRUCTION",
  "AGRICULTURE",
  "MANUFACTURING",
  "TRANSPORT",
  "PUBLIC_SECTOR",
  "SERVICES",
  "OTHER",
] as const satisfies readonly Sector[];

export const GENDERS = [
  "FEMALE",
  "MALE",
  "OTHER",
  "UNDISCLOSED",
] as const satisfies readonly Gender[];

/** The ILO's 11 indicators of forced labour. */
export const ILO_INDICATORS = [
  "ABUSE_OF_VULNERABILITY",
  "DECEPTION",
  "RESTRICTION_OF_MOVEMENT",
  "ISOLATION",
  "PHYSICAL_AND_SEXUAL_VIOLENCE",
  "INTIMIDATION_AND_THREATS",
  "RETENTION_OF_IDENTITY_DOCUMENTS",
  "WITHHOLDING_OF_WAGES",
  "DEBT_BONDAGE",
  "ABUSIVE_WORKING_AND_LIVING_CONDITIONS",
  "EXCESSIVE_OVERTIME",
] as const;

export const TRI_STATE = ["YES", "NO", "UNKNOWN"] as const;
export const HARM_KINDS = ["UNSAFE_CONDITIONS", "INJURY", "DEATH", "OCCUPATIONAL_DISEASE"] as const;
export const SEVERITIES = ["FATAL", "SERIOUS", "MINOR", "NONE_YET"] as const;
export const UNION_BUSTING_ACTIONS = [
  "DISMISSAL",
  "PRESSURE",
  "REGISTRATION_REFUSED",
  "DISSOLUTION",
] as const;
/** Violence against unionists, activists or strikers: the ILO CFA treats a threat to life as urgent. */
export const VIOLENCE_KINDS = ["THREATS_TO_LIFE", "ASSAULT", "KILLING"] as const;
export const STRIKE_PENALTIES = ["FINES", "DISMISSALS", "JAIL"] as const;
export const CURRENCIES = ["KZT", "RUB", "USD", "EUR", "KGS", "UZS", "TJS", "CNY", "TRY"] as const;

/** Citizenships offered first; any other ISO 3166 code can be chosen as "other". */
export const CITIZENSHIPS = [
  "KZ",
  "KG",
  "UZ",
  "TJ",
  "TM",
  "RU",
  "AZ",
  "CN",
  "TR",
  "OTHER",
] as const;

export const CHAIN_ROLES = ["CONTRACTOR", "PARENT_COMPANY", "RECRUITMENT_AGENCY"] as const;

export const LIMITS = {
  name: 200,
  shortText: 200,
  mediumText: 2000,
  account: 20_000,
  namedWorkers: 500,
  unnamedWorkers: 100_000,
  /** Amounts are below 10^12 in major units (tenge, dollars…). */
  amountMajorExclusive: 1_000_000_000_000,
} as const;
