-- CreateTable
CREATE TABLE "AuditPending" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditPending_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditPending_actorId_action_idx" ON "AuditPending"("actorId", "action");
