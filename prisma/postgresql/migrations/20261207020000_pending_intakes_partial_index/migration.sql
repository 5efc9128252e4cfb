-- Intakes taken while the server was sealed and not yet indexed (docs/decisions/0027), by date,
-- written by hand: Prisma cannot express a partial index. The server looks for them every time
-- it unseals and again ten seconds after it starts; without this index each look read every
-- case through the creation-date index to find none: about 100 ms of database CPU on the
-- 100 000-case bench, twice per process at every start (docs/decisions/0046).
CREATE INDEX "Case_blindIndexPending_createdAt_idx" ON "Case"("createdAt") WHERE "blindIndexPending";
