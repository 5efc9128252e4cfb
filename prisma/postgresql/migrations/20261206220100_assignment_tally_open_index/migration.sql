-- Written by hand (PostgreSQL only; Prisma's schema cannot describe a partial index): the
-- dashboard's load per person sums the open statuses' AssignmentTally rows per person
-- (decision 0041, addendum on months). PostgreSQL read the whole table for it (its planner
-- judged a third of the (status, region, …) index dearer than every row, 4 CPU-ms at
-- 100 000 cases); this index holds only those rows, in person order, and is read alone
-- (about 1 CPU-ms). SQLite keeps reading the (status, region, …) index, as before.
-- The statuses are OPEN_STATUSES (app/modules/cases/status.ts): a query naming others
-- simply does not use it.
-- tests: prisma/hand-written.test.ts (present after every migration).
CREATE INDEX "AssignmentTally_open_userId_idx" ON "AssignmentTally" ("userId", "region", "category", "urgency", "count")
WHERE "status" IN ('NEW', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED');
