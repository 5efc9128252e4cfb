-- The pending intakes are read in (createdAt, id) order, so that a pass can go on past an intake
-- whose key does not open instead of reading it again (docs/decisions/0046).
DROP INDEX "Case_blindIndexPending_createdAt_idx";
CREATE INDEX "Case_blindIndexPending_createdAt_id_idx" ON "Case"("createdAt", "id") WHERE "blindIndexPending";
