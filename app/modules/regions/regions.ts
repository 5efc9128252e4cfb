// The 17 oblasts and the 3 cities of republican significance, in the order people expect them.
import type { Region } from "~/generated/prisma/sqlite/enums";

export const REGIONS = [
  "ASTANA",
  "ALMATY",
  "SHYMKENT",
  "ABAI",
  "AKMOLA",
  "AKTOBE",
  "ALMATY_REGION",
  "ATYRAU",
  "EAST_KAZAKHSTAN",
  "JAMBYL",
  "JETISU",
  "KARAGANDA",
  "KOSTANAY",
  "KYZYLORDA",
  "MANGYSTAU",
  "NORTH_KAZAKHSTAN",
  "PAVLODAR",
  "TURKISTAN",
  "ULYTAU",
  "WEST_KAZAKHSTAN",
] as const satisfies readonly Region[];
