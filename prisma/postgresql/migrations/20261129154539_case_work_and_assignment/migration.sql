-- CreateEnum
CREATE TYPE "ProceedingKind" AS ENUM ('LABOR_INSPECTORATE', 'CIVIL_CLAIM', 'CRIMINAL_DEFENSE', 'ADMINISTRATIVE_APPEAL', 'PROSECUTOR_COMPLAINT', 'ILO_ITUC_SUBMISSION', 'EMPLOYER_NEGOTIATION');

-- CreateEnum
CREATE TYPE "ProceedingStatus" AS ENUM ('PREPARING', 'FILED', 'PENDING', 'DECIDED', 'APPEALED', 'CLOSED');

-- CreateEnum
CREATE TYPE "ProceedingDateKind" AS ENUM ('HEARING', 'DEADLINE');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('CONTRACT', 'PAY_SLIP', 'MEDICAL_REPORT', 'COURT_DECISION', 'PHOTO', 'CORRESPONDENCE', 'OTHER');

-- CreateEnum
CREATE TYPE "AssignmentRole" AS ENUM ('LEAD_LAWYER', 'SUPPORTING_LAWYER', 'FIELD_ORGANIZER');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('ASSIGNED', 'UNASSIGNED', 'HEARING_TOMORROW', 'DEADLINE_SOON', 'CASE_CHANGED', 'SECURITY_ALERT');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Proceeding" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "ProceedingKind" NOT NULL,
    "authority" TEXT NOT NULL,
    "externalNumber" TEXT,
    "filedOn" TIMESTAMP(3),
    "status" "ProceedingStatus" NOT NULL DEFAULT 'PREPARING',
    "summary" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Proceeding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProceedingDate" (
    "id" TEXT NOT NULL,
    "proceedingId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "ProceedingDateKind" NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT,
    "description" TEXT NOT NULL,
    "outcome" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProceedingDate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseDocument" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "mediaType" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "receivedSha256" TEXT,
    "metadataStripped" BOOLEAN NOT NULL DEFAULT false,
    "storageKey" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnById" TEXT,
    "withdrawnReason" TEXT,

    CONSTRAINT "CaseDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAssignment" (
    "caseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "AssignmentRole" NOT NULL,
    "assignedById" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseAssignment_pkey" PRIMARY KEY ("caseId","userId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "caseId" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseView" (
    "userId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "lastViewedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseView_pkey" PRIMARY KEY ("userId","caseId")
);

-- CreateIndex
CREATE INDEX "Proceeding_caseId_idx" ON "Proceeding"("caseId");

-- CreateIndex
CREATE INDEX "ProceedingDate_proceedingId_dueAt_idx" ON "ProceedingDate"("proceedingId", "dueAt");

-- CreateIndex
CREATE INDEX "ProceedingDate_caseId_dueAt_idx" ON "ProceedingDate"("caseId", "dueAt");

-- CreateIndex
CREATE INDEX "ProceedingDate_dueAt_idx" ON "ProceedingDate"("dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseDocument_storageKey_key" ON "CaseDocument"("storageKey");

-- CreateIndex
CREATE INDEX "CaseDocument_caseId_createdAt_idx" ON "CaseDocument"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "CaseAssignment_userId_caseId_idx" ON "CaseAssignment"("userId", "caseId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_dedupeKey_key" ON "Notification"("userId", "dedupeKey");

-- CreateIndex
CREATE INDEX "Case_lastActivityAt_idx" ON "Case"("lastActivityAt");

-- AddForeignKey
ALTER TABLE "Proceeding" ADD CONSTRAINT "Proceeding_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proceeding" ADD CONSTRAINT "Proceeding_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProceedingDate" ADD CONSTRAINT "ProceedingDate_proceedingId_fkey" FOREIGN KEY ("proceedingId") REFERENCES "Proceeding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProceedingDate" ADD CONSTRAINT "ProceedingDate_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProceedingDate" ADD CONSTRAINT "ProceedingDate_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseDocument" ADD CONSTRAINT "CaseDocument_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseDocument" ADD CONSTRAINT "CaseDocument_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseDocument" ADD CONSTRAINT "CaseDocument_withdrawnById_fkey" FOREIGN KEY ("withdrawnById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAssignment" ADD CONSTRAINT "CaseAssignment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAssignment" ADD CONSTRAINT "CaseAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAssignment" ADD CONSTRAINT "CaseAssignment_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseView" ADD CONSTRAINT "CaseView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseView" ADD CONSTRAINT "CaseView_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill (hand-written): existing cases last changed when their row did, and
-- cases already resolved or closed count as closed since then. Their search text
-- is built by the application on start (see app/modules/cases/search-text.server.ts).
UPDATE "Case" SET "lastActivityAt" = "updatedAt";
UPDATE "Case" SET "closedAt" = "updatedAt" WHERE "status" IN ('RESOLVED', 'CLOSED');
