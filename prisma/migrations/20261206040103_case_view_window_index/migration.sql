-- CreateIndex
CREATE INDEX "CaseView_userId_lastViewedAt_idx" ON "CaseView"("userId", "lastViewedAt");
