-- CreateIndex
CREATE INDEX "Case_status_category_region_urgency_createdAt_idx" ON "Case"("status", "category", "region", "urgency", "createdAt");

-- CreateIndex
CREATE INDEX "Case_status_urgency_id_idx" ON "Case"("status", "urgency", "id");

-- CreateIndex
CREATE INDEX "Case_closedAt_category_region_idx" ON "Case"("closedAt", "category", "region");
