-- CreateIndex
CREATE INDEX "AssignmentTally_userId_category_status_count_idx" ON "AssignmentTally"("userId", "category", "status", "count");
