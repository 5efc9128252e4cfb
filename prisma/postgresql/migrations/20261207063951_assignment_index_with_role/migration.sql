-- A person's own assignments by role ("my work": a lawyer's 1 500 cases) are read from the index
-- alone, without a visit to each assignment row for its role (docs/decisions/0050).
DROP INDEX "CaseAssignment_userId_caseId_idx";
CREATE INDEX "CaseAssignment_userId_caseId_role_idx" ON "CaseAssignment"("userId", "caseId", "role");
