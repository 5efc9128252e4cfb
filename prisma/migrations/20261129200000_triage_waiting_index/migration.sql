-- The triage queue, written by hand: Prisma cannot express a partial index.
-- The cases waiting for a lawyer (open, lawyerCount 0) are a few among many:
-- this index holds only them, per urgency, oldest first, so the queue reads
-- its first hundred in order. Queries use it only when their condition says
-- exactly this, with the values written out (app/modules/assignment/triage.server.ts).
CREATE INDEX "Case_waiting_urgency_createdAt_id_idx" ON "Case"("urgency", "createdAt", "id")
WHERE "lawyerCount" = 0 AND "status" IN ('NEW', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED');
