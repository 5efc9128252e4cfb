-- Intakes taken while the server was sealed and not yet indexed (docs/decisions/0027), by date,
-- written by hand: Prisma cannot express a partial index. The server looks for them every time
-- it unseals and again ten seconds after it starts; without this index each look read every
-- case through the creation-date index to find none: 100 000 cases, 1.9 s from a cold disk on
-- the thread that answers the first pages. The reading statement names the flag with the same
-- literal (`= 1`), as SQLite requires to use a partial index (docs/decisions/0046).
CREATE INDEX "Case_blindIndexPending_createdAt_idx" ON "Case"("createdAt") WHERE "blindIndexPending" = 1;
